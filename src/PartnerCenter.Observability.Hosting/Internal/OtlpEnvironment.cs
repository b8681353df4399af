using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace PartnerCenter.Observability.Hosting;

/// <summary>The standard <c>OTEL_EXPORTER_OTLP_*</c> settings, read from configuration (environment variables included).</summary>
internal sealed class OtlpEnvironment
{
    private readonly IConfiguration _configuration;

    private OtlpEnvironment(IConfiguration configuration) => _configuration = configuration;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Get("OTEL_EXPORTER_OTLP_ENDPOINT"))
        || !string.IsNullOrWhiteSpace(Get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
        || !string.IsNullOrWhiteSpace(Get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
        || !string.IsNullOrWhiteSpace(Get("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"));

    /// <summary>The metric export interval (<c>OTEL_METRIC_EXPORT_INTERVAL</c>, milliseconds); 60 seconds by default.</summary>
    public int MetricExportIntervalMilliseconds =>
        int.TryParse(Get("OTEL_METRIC_EXPORT_INTERVAL"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : 60_000;

    public static OtlpEnvironment From(IConfiguration configuration) => new(configuration);

    /// <summary>Exporter options for one signal (<c>traces</c>, <c>metrics</c> or <c>logs</c>).</summary>
    public OtlpExporterOptions CreateOptions(string signal)
    {
        var protocol = (Get($"OTEL_EXPORTER_OTLP_{signal.ToUpperInvariant()}_PROTOCOL") ?? Get("OTEL_EXPORTER_OTLP_PROTOCOL"))?.Trim();
        var options = new OtlpExporterOptions
        {
            Protocol = string.Equals(protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc,
        };

        var specific = Get($"OTEL_EXPORTER_OTLP_{signal.ToUpperInvariant()}_ENDPOINT");
        var generic = Get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (!string.IsNullOrWhiteSpace(specific))
        {
            options.Endpoint = new Uri(specific);
        }
        else if (!string.IsNullOrWhiteSpace(generic))
        {
            // As the specification says: with HTTP, the generic endpoint gets the signal's path appended.
            options.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(generic.TrimEnd('/') + "/v1/" + signal)
                : new Uri(generic);
        }

        var headers = Get($"OTEL_EXPORTER_OTLP_{signal.ToUpperInvariant()}_HEADERS") ?? Get("OTEL_EXPORTER_OTLP_HEADERS");
        if (!string.IsNullOrWhiteSpace(headers))
        {
            options.Headers = headers;
        }

        var timeout = Get($"OTEL_EXPORTER_OTLP_{signal.ToUpperInvariant()}_TIMEOUT") ?? Get("OTEL_EXPORTER_OTLP_TIMEOUT");
        if (int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0)
        {
            options.TimeoutMilliseconds = milliseconds;
        }

        return options;
    }

    private string? Get(string key) => _configuration[key];
}
