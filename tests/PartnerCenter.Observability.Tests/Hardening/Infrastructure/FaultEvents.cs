using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace PartnerCenter.Observability.Hardening.Tests.Infrastructure;

/// <summary>Listens to the <c>PartnerCenter-Observability</c> EventSource: every instrumentation fault reported while it lives.</summary>
internal sealed class FaultEvents : EventListener
{
    public const string SourceName = "PartnerCenter-Observability";
    private readonly ConcurrentQueue<(string Stage, string Type, string Message)> _faults = new();

    public IReadOnlyList<(string Stage, string Type, string Message)> Faults => [.. _faults];

    public IReadOnlyList<string> Stages => [.. _faults.Select(f => f.Stage)];

    public void Clear() => _faults.Clear();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name == SourceName && eventData.Payload is { Count: >= 3 } payload)
        {
            _faults.Enqueue((payload[0] as string ?? "", payload[1] as string ?? "", payload[2] as string ?? ""));
        }
    }
}
