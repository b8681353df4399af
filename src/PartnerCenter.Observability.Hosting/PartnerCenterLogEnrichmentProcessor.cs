using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using PartnerCenter.Observability.Diagnostics;
using PartnerCenter.Observability.Errors;
using PartnerCenter.Observability.Telemetry;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// Adds the classified Partner Center error of a log record's exception chain as attributes named like the span tags
/// (<c>partner_center.error.code</c>, <c>partner_center.error.category</c>, <c>partner_center.retryable</c>,
/// <c>partner_center.error.description</c>, <c>partner_center.request_id</c>, <c>partner_center.correlation_id</c>,
/// <c>partner_center.retry_after</c>, <c>http.response.status_code</c>, <c>error.type</c>, and
/// <c>partner_center.operation</c> when known), and to records written inside a Partner Center span its
/// <c>partner_center.operation</c> and <c>partner_center.request_id</c>. Attributes a record already has are never
/// overwritten; faults go to the <c>PartnerCenter-Observability</c> EventSource, never to the app.
/// </summary>
/// <remarks>
/// A processor rather than an <c>ILogEnricher</c> (Microsoft.Extensions.Telemetry): an enricher is handed only a tag
/// collector, never the log record or its exception. It runs when the record is emitted, on the logging thread, so
/// <see cref="Activity.Current"/> is the activity the log was written in; add it before an exporting processor.
/// </remarks>
internal sealed class PartnerCenterLogEnrichmentProcessor : BaseProcessor<LogRecord>
{
    private readonly bool _includeCurrentSpan;
    private readonly IServiceProvider? _services;
    private PartnerCenterErrorClassifier? _classifier;

    /// <param name="includeCurrentSpan">Whether to add the current Partner Center span's operation and request id.</param>
    /// <param name="services">
    /// Where the app's classifier is (registered by <c>AddPartnerCenterTelemetry</c>), so that its overrides apply; taken
    /// at the first record with an exception, never while logging is built. <see langword="null"/> for the default.
    /// </param>
    public PartnerCenterLogEnrichmentProcessor(bool includeCurrentSpan = true, IServiceProvider? services = null)
    {
        _includeCurrentSpan = includeCurrentSpan;
        _services = services;
    }

    public override void OnEnd(LogRecord data)
    {
        try
        {
            var exception = data?.Exception;
            var span = _includeCurrentSpan && Activity.Current is { } current ? PartnerCenterSpan.Find(current) : null;
            if (data is null || (exception is null && span is null))
            {
                return;
            }

            PartnerCenterErrorInfo error = default;
            var hasError = exception is not null && PartnerCenterErrorLocator.TryFind(exception, out error, Classifier());
            if (!hasError && span is null)
            {
                return;
            }

            var existing = data.Attributes;
            var attributes = new List<KeyValuePair<string, object?>>((existing?.Count ?? 0) + 10);
            if (existing is not null)
            {
                attributes.AddRange(existing);
            }

            var count = attributes.Count;
            if (hasError)
            {
                AddError(attributes, in error);
            }

            if (span is not null)
            {
                var (operation, requestId) = PartnerCenterSpan.Tags(span);
                AddIfAbsent(attributes, Names.Operation, operation);
                AddIfAbsent(attributes, Names.RequestId, requestId);
            }

            if (attributes.Count > count)
            {
                data.Attributes = attributes;
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("log enrichment", ex);
        }
    }

    /// <summary>The app's classifier, else the default; a fault (such as invalid options) falls back to the default, never to the app.</summary>
    private PartnerCenterErrorClassifier Classifier()
    {
        if (Volatile.Read(ref _classifier) is { } known)
        {
            return known;
        }

        PartnerCenterErrorClassifier classifier;
        try
        {
            classifier = _services?.GetService(typeof(PartnerCenterErrorClassifier)) as PartnerCenterErrorClassifier ?? PartnerCenterErrorClassifier.Default;
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("log enrichment classifier", ex);
            classifier = PartnerCenterErrorClassifier.Default;
        }

        Volatile.Write(ref _classifier, classifier);
        return classifier;
    }

    private static void AddError(List<KeyValuePair<string, object?>> attributes, in PartnerCenterErrorInfo error)
    {
        AddIfAbsent(attributes, Names.ErrorCode, error.Code);
        AddIfAbsent(attributes, Names.ErrorCategory, error.Category.ToTagValue());
        AddIfAbsent(attributes, Names.Retryable, TagValues.Boolean(error.IsRetryable));
        AddIfAbsent(attributes, Names.ErrorDescription, error.Description);
        AddIfAbsent(attributes, Names.RequestId, error.RequestId);
        AddIfAbsent(attributes, Names.CorrelationId, error.CorrelationId);
        AddIfAbsent(attributes, Names.RetryAfter, error.RetryAfterSeconds);
        AddIfAbsent(attributes, Names.HttpResponseStatusCode, error.StatusCode is { } status ? TagValues.Status(status) : null);
        AddIfAbsent(attributes, Names.ErrorType, error.ErrorType);
        AddIfAbsent(attributes, Names.Operation, error.Operation);
    }

    private static void AddIfAbsent(List<KeyValuePair<string, object?>> attributes, string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (var attribute in attributes)
        {
            if (string.Equals(attribute.Key, name, StringComparison.Ordinal))
            {
                return;
            }
        }

        attributes.Add(new(name, value));
    }
}
