using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// A logger that hands its providers, for a log line whose exception chain holds a Partner Center error, the line's
/// own properties plus the <c>partner_center.*</c> ones (<see cref="PartnerCenterErrorLogState"/>); the
/// message is the one the line would have had. A line without an exception passes through as it is, without an
/// allocation; a fault of ours is reported to the EventSource and the line is written unchanged.
/// </summary>
internal sealed class PartnerCenterErrorLogger : ILogger
{
    private readonly ILogger _inner;
    private readonly AppClassifier _classifier;

    public PartnerCenterErrorLogger(ILogger inner, AppClassifier classifier)
    {
        _inner = inner;
        _classifier = classifier;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is null)
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        PartnerCenterErrorLogState? enriched = null;
        try
        {
            enriched = PartnerCenterErrorLogState.TryCreate(state, exception, formatter, _classifier.Get());
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("log properties", ex);
        }

        if (enriched is null)
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
        }
        else
        {
            _inner.Log(logLevel, eventId, enriched, exception, PartnerCenterErrorLogState.Format);
        }
    }
}
