using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using PartnerCenter.Observability.Diagnostics;
using PartnerCenter.Observability.Errors;
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
    private readonly AppClassifier _classifier;

    /// <param name="includeCurrentSpan">Whether to add the current Partner Center span's operation and request id.</param>
    /// <param name="services">
    /// Where the app's classifier is (registered by <c>AddPartnerCenterTelemetry</c>), so that its overrides apply; taken
    /// at the first record with an exception, never while logging is built. <see langword="null"/> for the default.
    /// </param>
    public PartnerCenterLogEnrichmentProcessor(bool includeCurrentSpan = true, IServiceProvider? services = null)
    {
        _includeCurrentSpan = includeCurrentSpan;
        _classifier = new AppClassifier(services);
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
            var hasError = exception is not null && PartnerCenterErrorInfo.TryFind(exception, _classifier.Get(), out error);
            if (!hasError && span is null)
            {
                return;
            }

            var existing = data.Attributes;
            var attributes = new List<KeyValuePair<string, object?>>((existing?.Count ?? 0) + PartnerCenterErrorAttributes.MaxAdded);
            if (existing is not null)
            {
                attributes.AddRange(existing);
            }

            var count = attributes.Count;
            if (hasError)
            {
                PartnerCenterErrorAttributes.AddError(attributes, in error);
            }

            if (span is not null)
            {
                var (operation, requestId) = PartnerCenterSpan.Tags(span);
                PartnerCenterErrorAttributes.AddIfAbsent(attributes, Names.Operation, operation);
                PartnerCenterErrorAttributes.AddIfAbsent(attributes, Names.RequestId, requestId);
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
}
