namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>What the policy says about one row at one minute: act (page or ticket), stay silent, or grey (not judged).</summary>
internal enum Verdict
{
    Silent,
    Grey,
    Act,
}

/// <summary>
/// Asks the policy table what must happen to an incident: per row and minute, in each of the row's scopes, from the
/// counts Prometheus can see (the incident's series). Margins keep window edges and extrapolation out of the verdict:
/// act needs 1.3x the row's thresholds, silence less than half the fraction or 0.7x the count.
/// </summary>
internal sealed class PolicyOracle
{
    private const double ActMargin = 1.3;
    private readonly AlertPolicy policy;
    private readonly Dictionary<string, Sums> scopes = new(StringComparer.Ordinal);

    public PolicyOracle(AlertPolicy policy, IReadOnlyList<IncidentSeries> series)
    {
        this.policy = policy;
        foreach (var s in series.Where(s => s.Metric != "up"))
        {
            var increments = s.VisibleIncrements();
            var firsts = s.FirstValues();
            var overflow = s.Labels.GetValueOrDefault("otel_metric_overflow") == "true";
            var job = s.Labels["job"];
            var keys = new List<(string Scope, string Key)> { ("job", job), ("instance", job + "|" + s.Labels["instance"]) };
            if (s.Labels.TryGetValue("partner_center_operation", out var operation))
            {
                keys.Add(("operation", job + "|" + operation));
            }

            foreach (var (scope, key) in keys)
            {
                var sums = Get(scope + ":" + key);
                var countsAsAttempt = s.Metric.EndsWith("_count", StringComparison.Ordinal)
                    && s.Labels.GetValueOrDefault("error_type") != "cancelled" && (scope == "job" || !overflow);
                if (countsAsAttempt)
                {
                    sums.Add("attempts", increments);
                    sums.Add("attempts-first", firsts);
                }

                if (s.Metric.EndsWith("_count", StringComparison.Ordinal) && !overflow && !s.Labels.ContainsKey("partner_center_error_category")
                    && s.Labels.GetValueOrDefault("error_type") != "cancelled")
                {
                    sums.Add("successes", increments);
                    sums.AddSuccessSeries(s.Values);
                }

                if (s.Metric == "partner_center_client_retries_total")
                {
                    sums.Add("retries", increments);
                    sums.Add("retries:" + s.Labels.GetValueOrDefault("partner_center_error_category", ""), increments);
                }

                if (s.Metric == "partner_center_client_errors_total")
                {
                    foreach (var kind in policy.Rows.Where(r => r.Matches(s.Labels)).Select(r => r.Kind).Distinct(StringComparer.Ordinal))
                    {
                        sums.Add("errors:" + kind, increments);
                        sums.Add("errors-first:" + kind, firsts);
                    }
                }
            }
        }
    }

    /// <summary>The row's verdict at the minute: act if one scope acts, silent if every scope is silent.</summary>
    public Verdict At(PolicyRow row, string job, int minute)
    {
        var verdicts = scopes.Where(p => row.Scopes.Any(s => p.Key.StartsWith(s + ":" + job, StringComparison.Ordinal)
                && (p.Key.Length == s.Length + 1 + job.Length || p.Key[s.Length + 1 + job.Length] == '|')))
            .Select(p => row.Burn ? BurnVerdict(row, p.Value, minute) : CategoryVerdict(row, p.Value, minute)).ToList();
        return verdicts.Contains(Verdict.Act) ? Verdict.Act : verdicts.All(v => v == Verdict.Silent) ? Verdict.Silent : Verdict.Grey;
    }

    private Verdict CategoryVerdict(PolicyRow row, Sums sums, int minute)
    {
        var (failures, calls, successes) = Window(row, sums, minute, policy.WindowMinutes);
        var recentFailures = sums.Total("errors:" + row.Kind, minute, policy.RecoveryMinutes);
        var recentCalls = sums.Total("attempts", minute, policy.RecoveryMinutes);
        var byFraction = failures >= ActMargin * policy.MinFailures && failures >= ActMargin * row.Fraction * calls;
        var byAbsence = failures >= policy.LowVolumeFailures + 1 && successes == 0;
        var stillFailing = recentFailures >= 1 || recentCalls < 2;
        if ((byFraction || byAbsence) && stillFailing)
        {
            return Verdict.Act;
        }

        var (mostFailures, mostCalls) = Upper(row, sums, minute, policy.WindowMinutes, failures, calls);
        return Silent(row.Fraction, mostFailures, mostCalls, successes) ? Verdict.Silent : Verdict.Grey;
    }

    private Verdict BurnVerdict(PolicyRow row, Sums sums, int minute)
    {
        var budget = 1 - policy.Objective;
        var act = false;
        var silent = true;
        foreach (var pair in row.Pairs)
        {
            var (failures, calls, _) = Window(row, sums, minute, pair.LongMinutes);
            var (_, _, successes) = Window(row, sums, minute, policy.WindowMinutes);
            var (shortFailures, shortCalls, _) = Window(row, sums, minute, pair.ShortMinutes);
            var threshold = pair.Factor * budget;
            var evidence = failures >= ActMargin * policy.MinFailures || (failures >= policy.LowVolumeFailures + 1 && successes == 0);
            var stillBurning = shortCalls < 2 || shortFailures >= ActMargin * threshold * shortCalls;
            act |= pair == row.Pairs[0] && evidence && failures >= ActMargin * threshold * calls && stillBurning;
            var (mostFailures, mostCalls) = Upper(row, sums, minute, pair.LongMinutes, failures, calls);
            silent &= Silent(threshold, mostFailures, mostCalls, successes);
        }

        return act ? Verdict.Act : silent ? Verdict.Silent : Verdict.Grey;
    }

    private bool Silent(double fraction, double failures, double calls, double successes) =>
        !(failures >= 0.7 * policy.MinFailures && failures >= 0.5 * fraction * calls)
        && (failures < policy.LowVolumeFailures - 1 || successes >= 2);

    /// <summary>
    /// The most failures and calls the window may hold: with the first values of series that began in it (a CronJob
    /// run, a new operation), which increase() extrapolates towards rather than counts. Act is judged on what is
    /// visible for sure and silence on the most there may be, so that neither depends on how far Prometheus
    /// extrapolates a series of two samples.
    /// </summary>
    private static (double Failures, double Calls) Upper(PolicyRow row, Sums sums, int minute, int window, double failures, double calls) =>
        (failures + sums.Total("errors-first:" + row.Kind, minute, window), calls + sums.Total("attempts-first", minute, window));

    /// <summary>Failed calls (failures minus the row's retries), calls (attempts minus all retries) and successes.</summary>
    private static (double Failures, double Calls, double Successes) Window(PolicyRow row, Sums sums, int minute, int window)
    {
        var errors = sums.Total("errors:" + row.Kind, minute, window);
        var retried = row.RetriedCategory is { } category ? sums.Total("retries:" + category, minute, window) : 0;
        var calls = Math.Max(0, sums.Total("attempts", minute, window) - sums.Total("retries", minute, window));
        return (Math.Max(0, errors - retried), calls, sums.Total("successes", minute, window) + sums.FirstValuesOfNewSeries(minute, window));
    }

    private Sums Get(string key)
    {
        if (!scopes.TryGetValue(key, out var sums))
        {
            scopes[key] = sums = new Sums();
        }

        return sums;
    }

    /// <summary>Per-minute totals by name, with the sum over the last N minutes.</summary>
    private sealed class Sums
    {
        private readonly Dictionary<string, double[]> totals = new(StringComparer.Ordinal);
        private readonly List<double?[]> successSeries = [];

        public void AddSuccessSeries(double?[] values) => successSeries.Add(values);

        /// <summary>
        /// Successes Prometheus can see beyond increments: a counter is created at its first increment, so a success
        /// series first sampled in the window (none in the window before it, whose end sample belongs to both, as
        /// Prometheus 2's closed ranges have it) counted its first value in the window, even with no second sample.
        /// </summary>
        public double FirstValuesOfNewSeries(int minute, int window)
        {
            double sum = 0;
            foreach (var values in successSeries)
            {
                double? first = null;
                var seenBefore = false;
                for (var i = 0; i < values.Length; i++)
                {
                    var at = i * IncidentGenerator.Step;
                    if (values[i] is not { } value || double.IsNaN(value) || at > minute)
                    {
                        continue;
                    }

                    if (at >= minute - (2 * window) && at <= minute - window)
                    {
                        seenBefore = true;
                    }
                    else if (at > minute - window)
                    {
                        first ??= value;
                    }
                }

                sum += !seenBefore && first is { } v ? v : 0;
            }

            return sum;
        }

        public void Add(string name, double[] increments)
        {
            if (!totals.TryGetValue(name, out var array))
            {
                totals[name] = array = new double[increments.Length];
            }

            for (var i = 0; i < increments.Length; i++)
            {
                array[i] += increments[i];
            }
        }

        public double Total(string name, int minute, int window)
        {
            if (!totals.TryGetValue(name, out var array))
            {
                return 0;
            }

            double sum = 0;
            for (var i = Math.Max(0, minute - window + 1); i <= minute && i < array.Length; i++)
            {
                sum += array[i];
            }

            return sum;
        }
    }
}
