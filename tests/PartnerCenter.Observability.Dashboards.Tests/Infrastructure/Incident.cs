namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>How failures are spread over time: all the time, in batch runs (the only traffic), or in bursts.</summary>
internal enum TimeShape
{
    Steady,
    Batch,
    Burst,
}

/// <summary>
/// One generated traffic shape of one job: volume, fleet, failures of one policy kind (or none), their time shape and
/// the accidents of real life (restarts, scrape gaps, overflow, cancellations, retries that succeed, a Collector in
/// front, a CronJob whose target vanishes between runs). <see cref="IncidentGenerator"/> samples them;
/// <see cref="IncidentTraffic"/> turns one into per-minute counts and promtool series.
/// </summary>
internal sealed record Incident
{
    public required int Id { get; init; }

    public string Job => $"incident-{Id}";

    /// <summary>A policy kind (auth, validation, server_errors, network ...) or "" for healthy traffic.</summary>
    public required string Kind { get; init; }

    /// <summary>Calls per minute of the whole job (all operations but the failing one when only one fails).</summary>
    public required double CallsPerMinute { get; init; }

    public required int Instances { get; init; }

    public required int Operations { get; init; }

    /// <summary>Only operation 0 fails (the "dilution" class), at <see cref="FailingOperationCallsPerMinute"/>.</summary>
    public required bool OneOperationFails { get; init; }

    public required double FailingOperationCallsPerMinute { get; init; }

    /// <summary>Only instance 0 fails (one bad secret out of N).</summary>
    public required bool OneInstanceFails { get; init; }

    /// <summary>The share of the failing scope's calls that fail for good (or, for healthy traffic, the few that do).</summary>
    public required double FailureFraction { get; init; }

    /// <summary>Retries per failed call (the Resilience package, for the kinds it retries); each one fails too.</summary>
    public required int RetriesPerFailedCall { get; init; }

    /// <summary>Share of calls whose first attempt gets a 503 and whose retry succeeds: no call fails.</summary>
    public required double RetriedThenSucceeded { get; init; }

    /// <summary>Extra attempts cancelled by the caller, as a share of calls: neither success nor failure.</summary>
    public required double Cancelled { get; init; }

    public required TimeShape Shape { get; init; }

    /// <summary>Batch: minutes of each run; burst: minutes of failure in each period.</summary>
    public required int RunMinutes { get; init; }

    public required int PeriodMinutes { get; init; }

    /// <summary>Batch only: the target (and its counters) exist only during a run, as for a Kubernetes CronJob.</summary>
    public required bool CronJob { get; init; }

    /// <summary>Minute at which the failures begin.</summary>
    public required int FailureStart { get; init; }

    /// <summary>Minute at which instance 0 restarts (its counters start from 0), or -1.</summary>
    public required int RestartAt { get; init; }

    /// <summary>First minute of a 10-minute scrape gap of the whole job (up = 0, no samples), or -1.</summary>
    public required int ScrapeGapAt { get; init; }

    /// <summary>The failures land in the OpenTelemetry overflow series (no category, no operation).</summary>
    public required bool Overflow { get; init; }

    /// <summary>Scraped through an OpenTelemetry Collector with honor_labels: no `up` for the job.</summary>
    public required bool BehindCollector { get; init; }

    /// <summary>The features of the shape, for messages and for the coverage of the failure classes.</summary>
    public IEnumerable<string> Features()
    {
        yield return string.IsNullOrEmpty(Kind) ? "healthy" : Kind;
        yield return Shape.ToString().ToLowerInvariant();
        if (CallsPerMinute < 1)
        {
            yield return "low-volume";
        }

        if (Instances >= 50)
        {
            yield return "fleet";
        }

        if (OneOperationFails && Operations > 1)
        {
            yield return "one-operation";
        }

        if (OneInstanceFails && Instances > 1)
        {
            yield return "one-instance";
        }

        if (CronJob)
        {
            yield return "cronjob";
        }

        if (RestartAt >= 0)
        {
            yield return "restart";
        }

        if (ScrapeGapAt >= 0)
        {
            yield return "scrape-gap";
        }

        if (Overflow)
        {
            yield return "overflow";
        }

        if (BehindCollector)
        {
            yield return "collector";
        }

        if (Cancelled > 0)
        {
            yield return "cancellations";
        }

        if (RetriedThenSucceeded > 0)
        {
            yield return "retries-succeed";
        }
    }

    public override string ToString() =>
        $"{Job}: {string.Join(", ", Features())}; {CallsPerMinute:0.###}/min, {Instances} instances, {Operations} operations, " +
        $"failing fraction {FailureFraction:0.####} from minute {FailureStart}" +
        (OneOperationFails ? $", failing operation at {FailingOperationCallsPerMinute:0.###}/min" : "") +
        (Shape == TimeShape.Steady ? "" : $", {RunMinutes} of every {PeriodMinutes} min") +
        $", {RetriesPerFailedCall} retries per failed call, {RetriedThenSucceeded:0.##} retried then succeeded, {Cancelled:0.##} cancelled" +
        (RestartAt >= 0 ? $", restart at {RestartAt}" : "") + (ScrapeGapAt >= 0 ? $", scrape gap at {ScrapeGapAt}" : "");
}
