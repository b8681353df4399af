using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>The library's ActivitySource and, per meter factory, its Meter and instruments.</summary>
internal sealed class PartnerCenterInstruments : IDisposable
{
    /// <summary>
    /// Request durations, in seconds: seven boundaries from 100 ms to 10 s, placed where Partner Center calls fall (reads
    /// in 0.1 to 1 s, orders and checkouts in seconds) and with 5 s, the latency alert's threshold, as a boundary. Every
    /// boundary is one series per label set, so the list stays short; traces give the exact duration of any one call.
    /// </summary>
    public static readonly double[] DurationBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Retry-After values, in seconds: six boundaries from 1 s to 1 hour.</summary>
    public static readonly double[] RetryAfterBuckets = [1, 5, 15, 60, 300, 3600];

    /// <summary>The package version without build metadata, as the meter's and the ActivitySource's version.</summary>
    public static readonly string? Version = PartnerCenterActivitySource.Version;

    public static ActivitySource ActivitySource => PartnerCenterActivitySource.Instance;

    private readonly Meter _meter;

    public PartnerCenterInstruments(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(new MeterOptions(PartnerCenterTelemetryNames.SourceName) { Version = Version });
        RequestDuration = _meter.CreateHistogram(
            PartnerCenterTelemetryNames.RequestDuration,
            unit: "s",
            description: "Duration of each HTTP attempt to Partner Center.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Errors = _meter.CreateCounter<long>(
            PartnerCenterTelemetryNames.Errors,
            unit: "{error}",
            description: "Failed HTTP attempts to Partner Center (status 400 and above, or a network failure).");
        RetryAfter = _meter.CreateHistogram(
            PartnerCenterTelemetryNames.RetryAfter,
            unit: "s",
            description: "Retry-After values returned by Partner Center.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RetryAfterBuckets });
        UncatalogedCodes = _meter.CreateCounter<long>(
            PartnerCenterTelemetryNames.UncatalogedCodes,
            unit: "{code}",
            description: "Distinct (status, error code) pairs that the catalogue does not know, counted the first time this process sees each.");
    }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> Errors { get; }

    public Histogram<double> RetryAfter { get; }

    public Counter<long> UncatalogedCodes { get; }

    public bool AnyMetricEnabled => RequestDuration.Enabled || Errors.Enabled || RetryAfter.Enabled;

    public void Dispose() => _meter.Dispose();
}
