using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>The library's ActivitySource and, per meter factory, its Meter and instruments.</summary>
internal sealed class PartnerCenterInstruments : IDisposable
{
    /// <summary>Request durations, in seconds: from 5 ms to 60 s.</summary>
    public static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];

    /// <summary>Retry-After values, in seconds: from 1 s to 1 hour.</summary>
    public static readonly double[] RetryAfterBuckets = [0, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

    public static readonly string? Version = typeof(PartnerCenterInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly ActivitySource ActivitySource = new(PartnerCenterTelemetryNames.SourceName, Version);

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
        Retries = _meter.CreateCounter<long>(
            PartnerCenterTelemetryNames.Retries,
            unit: "{retry}",
            description: "Retries of Partner Center calls decided by the Partner Center resilience handler.");
        UncataloguedCodes = _meter.CreateCounter<long>(
            PartnerCenterTelemetryNames.UncataloguedCodes,
            unit: "{code}",
            description: "Distinct (status, error code) pairs that the catalogue does not know, counted the first time this process sees each.");
    }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> Errors { get; }

    public Histogram<double> RetryAfter { get; }

    public Counter<long> Retries { get; }

    public Counter<long> UncataloguedCodes { get; }

    public bool AnyMetricEnabled => RequestDuration.Enabled || Errors.Enabled || RetryAfter.Enabled;

    public void Dispose() => _meter.Dispose();
}
