using System.Diagnostics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// Redacts the runtime's HTTP span at the source, before any OpenTelemetry processor or exporter sees it. Activity
/// listeners are told of a stopped span in the order they were added; this one is created while the tracer provider
/// is being built (from a configuration callback, which runs before the provider adds its own listener), so it comes
/// first even when the app registered an exporter before <c>AddPartnerCenterTelemetry()</c>. It never changes
/// sampling: it only rewrites spans that something else chose to record.
/// </summary>
internal sealed class RuntimeHttpSpanRedactionListener : IDisposable
{
    private readonly ActivityListener _listener;

    public RuntimeHttpSpanRedactionListener(PartnerCenterUrlRedaction redaction)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name is "System.Net.Http" or "OpenTelemetry.Instrumentation.Http",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = activity => RuntimeHttpSpanRedactionProcessor.Redact(activity, redaction),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();
}
