using System.Reflection;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>
/// The metric and label names that Prometheus sees, derived from <see cref="PartnerCenterTelemetryNames"/> with the
/// OpenTelemetry to Prometheus rules: dots become underscores, the unit <c>s</c> appends <c>_seconds</c>, a counter
/// gets <c>_total</c>, a histogram <c>_bucket</c>, <c>_sum</c> and <c>_count</c>.
/// </summary>
internal static class TelemetryContract
{
    /// <summary>The labels that the scrape adds, and the bucket bound of histograms.</summary>
    public static readonly IReadOnlyList<string> ScrapeLabels = ["job", "instance", "le"];

    /// <summary>
    /// The label the OpenTelemetry SDK puts on the one series that collects attribute sets over its cardinality limit
    /// (otel.metric.overflow=true), with every other attribute dropped: only the meta-monitoring rules use it.
    /// </summary>
    public static readonly IReadOnlyList<string> SdkLabels = ["otel_metric_overflow"];

    /// <summary>The series Prometheus writes for every scrape target (1 when the scrape succeeded): meta-monitoring only.</summary>
    public static readonly IReadOnlyList<string> ScrapeMetrics = ["up"];

    /// <summary>
    /// The kind of each instrument constant (the names are the library's; only their kind is said here, and a new
    /// instrument constant fails <see cref="Instruments"/> until its kind is added).
    /// </summary>
    private static readonly Dictionary<string, InstrumentKind> Kinds = new(StringComparer.Ordinal)
    {
        [nameof(PartnerCenterTelemetryNames.RequestDuration)] = InstrumentKind.HistogramSeconds,
        [nameof(PartnerCenterTelemetryNames.RetryAfter)] = InstrumentKind.HistogramSeconds,
        [nameof(PartnerCenterTelemetryNames.Errors)] = InstrumentKind.Counter,
        [nameof(PartnerCenterTelemetryNames.Retries)] = InstrumentKind.Counter,
        [nameof(PartnerCenterTelemetryNames.UncatalogedCodes)] = InstrumentKind.Counter,
    };

    /// <summary>
    /// Tags that are not on the library's metrics (docs/telemetry.md, "Metrics"): the spans-and-logs-only ones, and
    /// the span tags that would be unbounded or useless as labels. A query that uses them would find nothing.
    /// </summary>
    private static readonly HashSet<string> NotMetricTags = new(StringComparer.Ordinal)
    {
        nameof(PartnerCenterTelemetryNames.Tags.ErrorDescription),
        nameof(PartnerCenterTelemetryNames.Tags.RequestId),
        nameof(PartnerCenterTelemetryNames.Tags.CorrelationId),
        nameof(PartnerCenterTelemetryNames.Tags.CorrelationVector),
        nameof(PartnerCenterTelemetryNames.Tags.RetryAfter),
        nameof(PartnerCenterTelemetryNames.Tags.Retryable),
        nameof(PartnerCenterTelemetryNames.Tags.ServerAddress),
        nameof(PartnerCenterTelemetryNames.Tags.HttpRequestResendCount),
    };

    /// <summary>The kind this contract assumes for an instrument constant (checked against the real instruments).</summary>
    public static InstrumentKind KindOf(string field) => Kinds[field];

    public enum InstrumentKind
    {
        Counter,
        HistogramSeconds,
    }

    /// <summary>Each instrument constant: (field name, OpenTelemetry name, kind).</summary>
    public static IReadOnlyList<(string Field, string Name, InstrumentKind Kind)> Instruments =>
        [.. Constants(typeof(PartnerCenterTelemetryNames))
            .Where(c => c.Field != nameof(PartnerCenterTelemetryNames.SourceName))
            .Select(c => (c.Field, c.Value, Kinds.TryGetValue(c.Field, out var kind)
                ? kind
                : throw new InvalidOperationException($"PartnerCenterTelemetryNames.{c.Field} is a new instrument: say its kind in TelemetryContract.Kinds.")))];

    /// <summary>The Prometheus metric family of each instrument: its base name and the series names.</summary>
    public static IReadOnlyList<(string Family, IReadOnlyList<string> Series)> MetricFamilies =>
        [.. Instruments.Select(i =>
        {
            var name = PrometheusName(i.Name);
            return i.Kind == InstrumentKind.Counter
                ? (name, (IReadOnlyList<string>)[name + "_total"])
                : (name + "_seconds", [name + "_seconds_bucket", name + "_seconds_sum", name + "_seconds_count"]);
        })];

    public static IReadOnlySet<string> MetricNames =>
        MetricFamilies.SelectMany(f => f.Series).Concat(ScrapeMetrics).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> LabelNames =>
        Constants(typeof(PartnerCenterTelemetryNames.Tags))
            .Where(c => !NotMetricTags.Contains(c.Field))
            .Select(c => PrometheusName(c.Value))
            .Concat(ScrapeLabels)
            .Concat(SdkLabels)
            .ToHashSet(StringComparer.Ordinal);

    public static string PrometheusName(string otelName) => otelName.Replace('.', '_');

    private static IEnumerable<(string Field, string Value)> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));
}
