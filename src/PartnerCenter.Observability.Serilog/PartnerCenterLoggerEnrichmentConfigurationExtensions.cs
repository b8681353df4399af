using PartnerCenter.Observability;
using PartnerCenter.Observability.Serilog;
using Serilog.Configuration;

namespace Serilog;

/// <summary>Adds the Partner Center error enricher to a Serilog logger configuration.</summary>
public static class PartnerCenterLoggerEnrichmentConfigurationExtensions
{
    /// <summary>
    /// Enriches every event whose exception chain (inner exceptions, and the inner exceptions of an
    /// <see cref="AggregateException"/>) holds a Partner Center error with the properties
    /// <c>partner_center.error.code</c>, <c>partner_center.error.category</c>, <c>partner_center.retryable</c>,
    /// <c>partner_center.error.description</c> (template form), <c>partner_center.request_id</c>,
    /// <c>partner_center.correlation_id</c>, <c>partner_center.retry_after</c> (seconds), <c>http.response.status_code</c>,
    /// <c>error.type</c> and, when known, <c>partner_center.operation</c>: the names of the span tags. Recognised: a
    /// <see cref="PartnerCenterException"/>; an exception of the archived Partner Center SDK
    /// (<c>PartnerException</c>, by its shape, without a reference to the SDK); an <see cref="HttpRequestException"/> with
    /// a status code (status-derived properties only). Properties the event already has are never overwritten; the
    /// enricher never throws (faults go to Serilog's SelfLog).
    /// </summary>
    /// <param name="enrichmentConfiguration">The enrichment configuration.</param>
    /// <param name="includeCurrentSpan">
    /// Also add <c>partner_center.operation</c> and <c>partner_center.request_id</c> to events written while a Partner
    /// Center span (or a child of one) is current. Default <see langword="true"/>.
    /// </param>
    /// <param name="classifier">
    /// The app's classifier, so that its <see cref="PartnerCenterClassificationOptions.CategoryOverrides"/> and limits
    /// apply to the errors the enricher classifies itself (an exception of the archived Partner Center SDK): the one
    /// <c>AddPartnerCenterTelemetry</c> registers (<c>services.GetRequiredService&lt;PartnerCenterErrorClassifier&gt;()</c>,
    /// for example in <c>AddSerilog((services, logger) =&gt; ...)</c>). <see langword="null"/>, the default, for
    /// <see cref="PartnerCenterErrorClassifier.Default"/>. A <see cref="PartnerCenterException"/> keeps the classification
    /// it was thrown with (the telemetry handler's, made with the app's options).
    /// </param>
    /// <returns>The logger configuration, to chain further calls.</returns>
    /// <example>
    /// In code: <c>new LoggerConfiguration().Enrich.WithPartnerCenterErrors()</c>. In configuration:
    /// <c>"Serilog": { "Using": ["PartnerCenter.Observability.Serilog"], "Enrich": ["WithPartnerCenterErrors"] }</c>.
    /// </example>
    public static LoggerConfiguration WithPartnerCenterErrors(this LoggerEnrichmentConfiguration enrichmentConfiguration, bool includeCurrentSpan = true, PartnerCenterErrorClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(enrichmentConfiguration);
        return enrichmentConfiguration.With(new PartnerCenterErrorEnricher(includeCurrentSpan, classifier));
    }
}
