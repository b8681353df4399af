using System.Diagnostics;
using PartnerCenter.Observability.Errors;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Serilog;

/// <summary>
/// Adds the classified Partner Center error of an event's exception chain, and the operation and request id of the
/// current Partner Center span, as properties named like the span tags. An event without an exception and outside any
/// activity costs two null checks. Never overwrites a property and never throws.
/// </summary>
internal sealed class PartnerCenterErrorEnricher : ILogEventEnricher
{
    private readonly bool _includeCurrentSpan;
    private readonly PartnerCenterErrorClassifier? _classifier;

    public PartnerCenterErrorEnricher(bool includeCurrentSpan, PartnerCenterErrorClassifier? classifier = null)
    {
        _includeCurrentSpan = includeCurrentSpan;
        _classifier = classifier;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent is null)
        {
            return;
        }

        if (logEvent.Exception is not null)
        {
            EnrichFromException(logEvent, logEvent.Exception);
        }

        if (_includeCurrentSpan && Activity.Current is { } current)
        {
            EnrichFromSpan(logEvent, current);
        }
    }

    private void EnrichFromException(LogEvent logEvent, Exception exception)
    {
        try
        {
            if (!PartnerCenterErrorInfo.TryFind(exception, _classifier, out var error))
            {
                return;
            }

            if (error.Code is { } code)
            {
                logEvent.AddPropertyIfAbsent(PropertyCache.Code.Get(code));
            }

            logEvent.AddPropertyIfAbsent(PropertyCache.Category(error.Category));
            logEvent.AddPropertyIfAbsent(PropertyCache.Retryable(error.IsRetryable));
            if (error.Description is { } description)
            {
                logEvent.AddPropertyIfAbsent(PropertyCache.Description.Get(description));
            }

            if (error.RequestId is { } requestId)
            {
                logEvent.AddPropertyIfAbsent(new LogEventProperty(Names.RequestId, new ScalarValue(requestId)));
            }

            if (error.CorrelationId is { } correlationId)
            {
                logEvent.AddPropertyIfAbsent(new LogEventProperty(Names.CorrelationId, new ScalarValue(correlationId)));
            }

            if (error.RetryAfter is { } retryAfter)
            {
                logEvent.AddPropertyIfAbsent(new LogEventProperty(Names.RetryAfter, new ScalarValue(retryAfter.TotalSeconds)));
            }

            if (error.StatusCode > 0)
            {
                logEvent.AddPropertyIfAbsent(PropertyCache.Status(error.StatusCode));
            }

            logEvent.AddPropertyIfAbsent(PropertyCache.ErrorType.Get(error.ErrorType));
            if (error.Operation is { } operation)
            {
                logEvent.AddPropertyIfAbsent(PropertyCache.Operation.Get(operation));
            }
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("PartnerCenter.Observability.Serilog: failed to enrich an event from its exception: {0}", ex);
        }
    }

    private static void EnrichFromSpan(LogEvent logEvent, Activity current)
    {
        try
        {
            if (PartnerCenterSpan.Find(current) is not { } span)
            {
                return;
            }

            var (operation, requestId) = PartnerCenterSpan.Tags(span);
            if (operation is not null)
            {
                logEvent.AddPropertyIfAbsent(PropertyCache.Operation.Get(operation));
            }

            if (requestId is not null)
            {
                logEvent.AddPropertyIfAbsent(new LogEventProperty(Names.RequestId, new ScalarValue(requestId)));
            }
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("PartnerCenter.Observability.Serilog: failed to enrich an event from the current span: {0}", ex);
        }
    }
}
