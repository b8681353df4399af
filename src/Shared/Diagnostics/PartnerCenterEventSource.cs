using System.Diagnostics.Tracing;

namespace PartnerCenter.Observability.Diagnostics;

/// <summary>
/// Self-diagnostics: faults inside the instrumentation (a throwing listener, log provider or callback) are reported
/// here instead of reaching the app. Each package has its own event source, named in its
/// <c>PartnerCenterEventSource.Name.cs</c> (<c>PartnerCenter-Observability</c>, <c>PartnerCenter-Observability-Hosting</c>,
/// <c>PartnerCenter-Observability-Resilience</c>); listen with dotnet-trace or an EventListener on those names.
/// </summary>
internal sealed partial class PartnerCenterEventSource : EventSource
{
    public static readonly PartnerCenterEventSource Log = new();

    private PartnerCenterEventSource()
    {
    }

    [NonEvent]
    public void InstrumentationFault(string stage, Exception exception)
    {
        if (IsEnabled(EventLevel.Warning, EventKeywords.All))
        {
            InstrumentationFault(stage, exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
        }
    }

    [Event(1, Level = EventLevel.Warning, Message = "Partner Center instrumentation fault in {0}: {1}: {2}")]
    public void InstrumentationFault(string stage, string exceptionType, string message) => WriteEvent(1, stage, exceptionType, message);
}
