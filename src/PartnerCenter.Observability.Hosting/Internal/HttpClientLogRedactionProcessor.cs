using OpenTelemetry;
using OpenTelemetry.Logs;
using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// IHttpClientFactory's default logs (<c>System.Net.Http.HttpClient.*</c>) carry the request URI. Whatever the host,
/// this processor replaces it with its redacted form (<see cref="PartnerCenterUrlRedaction.Redact"/>) before the record
/// is exported.
/// </summary>
internal sealed class HttpClientLogRedactionProcessor : BaseProcessor<LogRecord>
{
    private const string CategoryPrefix = "System.Net.Http.HttpClient.";
    private readonly PartnerCenterUrlRedaction _redaction;

    public HttpClientLogRedactionProcessor(PartnerCenterUrlRedaction redaction) => _redaction = redaction;

    public override void OnEnd(LogRecord data)
    {
        try
        {
            if (data.CategoryName?.StartsWith(CategoryPrefix, StringComparison.Ordinal) != true || data.Attributes is not { Count: > 0 } attributes)
            {
                return;
            }

            List<KeyValuePair<string, object?>>? rewritten = null;
            for (var i = 0; i < attributes.Count; i++)
            {
                var attribute = attributes[i];
                if (attribute.Value is Uri or string && _redaction.TryRedactForLog(attribute.Value, out var redacted))
                {
                    rewritten ??= [.. attributes];
                    rewritten[i] = new(attribute.Key, redacted);
                    if (data.FormattedMessage is { } message && attribute.Value.ToString() is { Length: > 0 } original)
                    {
                        data.FormattedMessage = message.Replace(original, redacted, StringComparison.Ordinal);
                    }
                }
            }

            if (rewritten is not null)
            {
                data.Attributes = rewritten;
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("http client log redaction", ex);
        }
    }
}
