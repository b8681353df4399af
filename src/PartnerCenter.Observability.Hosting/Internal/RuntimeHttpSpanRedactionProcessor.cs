using System.Diagnostics;
using OpenTelemetry;
using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// The runtime's own HTTP span (<c>System.Net.Http</c>) carries the full URL, tenant and subscription GUIDs included.
/// For Partner Center requests (a child of our span, or a Partner Center host), this processor replaces <c>url.full</c>
/// with the route template and drops the query before the span is exported.
/// </summary>
internal sealed class RuntimeHttpSpanRedactionProcessor : BaseProcessor<Activity>
{
    private readonly PartnerCenterUrlRedaction _redaction;

    public RuntimeHttpSpanRedactionProcessor(PartnerCenterUrlRedaction redaction) => _redaction = redaction;

    public override void OnEnd(Activity data) => Redact(data, _redaction);

    /// <summary>Replaces <c>url.full</c> (and <c>url.path</c>) of a runtime HTTP span to Partner Center with the route template, and drops <c>url.query</c>.</summary>
    public static void Redact(Activity data, PartnerCenterUrlRedaction redaction)
    {
        try
        {
            if (data.Source.Name is not ("System.Net.Http" or "OpenTelemetry.Instrumentation.Http") && data.OperationName != "System.Net.Http.HttpRequestOut")
            {
                return;
            }

            var isOurChild = data.Parent?.Source.Name == PartnerCenterTelemetryNames.SourceName;
            foreach (var key in (ReadOnlySpan<string>)["url.full", "http.url"])
            {
                if (data.GetTagItem(key) is { } url && redaction.TryRedact(url, isOurChild, out var redacted))
                {
                    data.SetTag(key, redacted);
                    if (data.GetTagItem("url.path") is not null && Uri.TryCreate(redacted, UriKind.Absolute, out var template))
                    {
                        data.SetTag("url.path", template.AbsolutePath);
                    }

                    data.SetTag("url.query", null);
                }
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("runtime span redaction", ex);
        }
    }
}
