using PartnerCenter.Observability;
using PartnerCenter.Observability.Hosting;

namespace OpenTelemetry.Logs;

/// <summary>
/// Adds the Partner Center log enrichment processor to an OpenTelemetry logging setup the app configures itself
/// (<c>builder.AddPartnerCenterTelemetry()</c> adds it already).
/// </summary>
public static class PartnerCenterLoggerProviderBuilderExtensions
{
    /// <summary>
    /// Adds the classified Partner Center error of a log record's exception chain as attributes named like the span
    /// tags (<c>partner_center.error.code</c>, <c>partner_center.error.category</c>, <c>partner_center.retryable</c>,
    /// <c>partner_center.error.description</c>, <c>partner_center.request_id</c>, <c>partner_center.correlation_id</c>,
    /// <c>partner_center.retry_after</c>, <c>http.response.status_code</c>, <c>error.type</c>), and the
    /// <c>partner_center.operation</c> and <c>partner_center.request_id</c> of the Partner Center span a record is
    /// written in. Errors it classifies itself (an exception of the archived Partner Center SDK) are classified with the
    /// app's <see cref="PartnerCenterErrorClassifier"/> when <c>AddPartnerCenterTelemetry</c> registered one, so that
    /// its category overrides apply. Existing attributes are never overwritten; the processor never throws. Add it
    /// before the exporter.
    /// </summary>
    /// <param name="builder">The logger provider builder (<c>services.AddOpenTelemetry().WithLogging(...)</c>).</param>
    /// <param name="includeCurrentSpan">Whether to add the current Partner Center span's operation and request id. Default <see langword="true"/>.</param>
    /// <returns>The same builder.</returns>
    public static LoggerProviderBuilder AddPartnerCenterLogEnrichment(this LoggerProviderBuilder builder, bool includeCurrentSpan = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddProcessor(services => new PartnerCenterLogEnrichmentProcessor(includeCurrentSpan, services));
    }
}

/// <summary>Adds the Partner Center log enrichment processor to <c>logging.AddOpenTelemetry(options =&gt; ...)</c>.</summary>
public static class PartnerCenterOpenTelemetryLoggerOptionsExtensions
{
    /// <summary>
    /// Adds the Partner Center log enrichment processor; see
    /// <see cref="PartnerCenterLoggerProviderBuilderExtensions.AddPartnerCenterLogEnrichment(LoggerProviderBuilder, bool)"/>.
    /// Add it before the exporter.
    /// </summary>
    /// <param name="options">The OpenTelemetry logger options.</param>
    /// <param name="includeCurrentSpan">Whether to add the current Partner Center span's operation and request id. Default <see langword="true"/>.</param>
    /// <returns>The same options.</returns>
    public static OpenTelemetryLoggerOptions AddPartnerCenterLogEnrichment(this OpenTelemetryLoggerOptions options, bool includeCurrentSpan = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddProcessor(services => new PartnerCenterLogEnrichmentProcessor(includeCurrentSpan, services));
    }
}
