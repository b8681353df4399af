namespace PartnerCenter.Observability;

/// <summary>
/// The IHttpClientFactory clients of the OpenTelemetry OTLP exporter, with <c>UseOtlpExporter()</c> and with
/// <c>AddOtlpExporter()</c> alike: the instrument-every-client setup never adds the Partner Center handler to them. The
/// trace and metric exporters take a named client; the log exporter takes none from the factory. These names are the
/// exporter's documented public contract, not an internal detail (its README tells apps to customize the named
/// "OtlpTraceExporter" and "OtlpMetricExporter" clients with <c>AddHttpClient</c>); the core does not reference the
/// exporter, so they are spelled here, and a Hosting test records the names the real exporter asks the factory for and
/// requires exactly this set: an exporter update that renames, adds or drops one fails it. Any other client is
/// instrumented whatever its name, even one that starts with "Otlp".
/// </summary>
internal static class OtlpExporterClients
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { "OtlpTraceExporter", "OtlpMetricExporter" };

    public static bool IsExporterClient(string? name) => name is not null && Names.Contains(name);
}
