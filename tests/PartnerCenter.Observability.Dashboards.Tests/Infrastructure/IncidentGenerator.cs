namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>
/// Samples incidents from one seed: every run with the same seed and count gives the same incidents. The ranges are
/// the (1 call per 5 minutes to 2,000 per minute, 1-200 instances, 1-40 operations, batch runs, bursts ...),
/// sampled log-uniformly where they span orders of magnitude, so that the small cases are as common as the big ones.
/// </summary>
internal static class IncidentGenerator
{
    /// <summary>Length of every incident, in minutes.</summary>
    public const int Minutes = 180;

    /// <summary>Scrape and evaluation interval, in minutes (2: promtool's cost grows with samples times evaluations).</summary>
    public const int Step = 2;

    public static IReadOnlyList<Incident> Generate(int seed, int count, IReadOnlyList<string> kinds)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(id => One(random, id, kinds))];
    }

    private static Incident One(Random random, int id, IReadOnlyList<string> kinds)
    {
        var kind = kinds[random.Next(kinds.Count)];
        var retried = kind is "server_errors" or "network" or "throttling";
        var shape = Pick(random, (0.55, TimeShape.Steady), (0.25, TimeShape.Batch), (0.20, TimeShape.Burst));
        var operations = LogInt(random, 1, 40);
        var instances = LogInt(random, 1, 200);
        var fraction = Pick(random, (0.35, 1.0), (0.25, Uniform(random, 0.02, 1)), (0.40, LogUniform(random, 0.0005, 0.04)));
        return new Incident
        {
            Id = id,
            Kind = kind,
            CallsPerMinute = LogUniform(random, 0.2, 2000),
            Instances = instances,
            Operations = operations,
            OneOperationFails = operations > 1 && random.NextDouble() < 0.3,
            FailingOperationCallsPerMinute = LogUniform(random, 0.2, 100),
            OneInstanceFails = instances > 1 && kind == "auth" && random.NextDouble() < 0.3,
            FailureFraction = fraction,
            RetriesPerFailedCall = retried ? random.Next(3) : 0,
            RetriedThenSucceeded = random.NextDouble() < 0.2 ? Uniform(random, 0.1, 0.6) : 0,
            Cancelled = random.NextDouble() < 0.15 ? Uniform(random, 0.05, 0.3) : 0,
            Shape = shape,
            RunMinutes = shape == TimeShape.Batch ? random.Next(5, 16) : random.Next(2, 5),
            PeriodMinutes = shape == TimeShape.Batch ? (random.NextDouble() < 0.5 ? 30 : 60) : 10,
            CronJob = shape == TimeShape.Batch && random.NextDouble() < 0.5,
            FailureStart = random.Next(0, 31),
            RestartAt = random.NextDouble() < 0.15 ? random.Next(30, 150) : -1,
            ScrapeGapAt = random.NextDouble() < 0.15 ? random.Next(60, 150) : -1,
            Overflow = random.NextDouble() < 0.08,
            BehindCollector = random.NextDouble() < 0.15,
        };
    }

    private static T Pick<T>(Random random, params (double Weight, T Value)[] choices)
    {
        var x = random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (weight, value) in choices)
        {
            if ((x -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static double Uniform(Random random, double low, double high) => low + (random.NextDouble() * (high - low));

    private static double LogUniform(Random random, double low, double high) => Math.Exp(Uniform(random, Math.Log(low), Math.Log(high)));

    private static int LogInt(Random random, int low, int high) => (int)Math.Floor(LogUniform(random, low, high + 1));
}
