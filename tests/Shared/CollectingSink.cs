using Serilog.Core;
using Serilog.Events;

namespace PartnerCenter.Observability.Enrichers.Tests.Infrastructure;

/// <summary>A Serilog sink that keeps the events it receives.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public LogEvent Single => Assert.Single(Events);

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
