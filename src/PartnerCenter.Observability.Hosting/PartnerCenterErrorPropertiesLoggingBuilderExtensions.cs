using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Hosting;

namespace Microsoft.Extensions.Logging;

/// <summary>
/// Adds the <c>partner_center.*</c> properties to the app's own log lines for every Microsoft.Extensions.Logging
/// provider (console, JSON console, Serilog through <c>AddSerilog()</c>, OpenTelemetry, any <c>ILoggerProvider</c>).
/// </summary>
public static class PartnerCenterErrorPropertiesLoggingBuilderExtensions
{
    /// <summary>
    /// Wraps the logger factory registered so far so that a log line whose exception chain holds a Partner Center error
    /// (<c>PartnerCenterException</c>, the archived SDK's <c>PartnerException</c>, an <c>HttpRequestException</c> with a
    /// status) reaches every provider with <c>partner_center.error.code</c>, <c>partner_center.error.category</c>,
    /// <c>partner_center.retryable</c>, <c>partner_center.error.description</c>, <c>partner_center.request_id</c>,
    /// <c>partner_center.correlation_id</c>, <c>partner_center.retry_after</c>, <c>http.response.status_code</c>,
    /// <c>error.type</c> and <c>partner_center.operation</c> among its properties (the message is unchanged; a property
    /// the line has is never overwritten). Lines without an exception pass through untouched. Call it after anything
    /// that replaces the logger factory itself (Serilog's <c>UseSerilog()</c> does, and its enricher does this already).
    /// </summary>
    /// <param name="logging">The logging builder (<c>builder.Logging</c>).</param>
    /// <returns>The same builder.</returns>
    public static ILoggingBuilder AddPartnerCenterErrorProperties(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var services = logging.Services;
        foreach (var registered in services)
        {
            if (registered.ServiceType == typeof(PartnerCenterErrorPropertiesMarker))
            {
                return logging;
            }
        }

        services.AddLogging();
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var inner = services[i];
            if (inner.ServiceType == typeof(ILoggerFactory) && !inner.IsKeyedService)
            {
                services[i] = ServiceDescriptor.Singleton<ILoggerFactory>(sp => Decorate(sp, inner));
                break;
            }
        }

        services.AddSingleton<PartnerCenterErrorPropertiesMarker>();
        return logging;
    }

    private static PartnerCenterErrorLoggerFactory Decorate(IServiceProvider services, ServiceDescriptor inner)
    {
        if (inner.ImplementationInstance is ILoggerFactory instance)
        {
            return new PartnerCenterErrorLoggerFactory(instance, ownsInner: false, new AppClassifier(services));
        }

        var created = inner.ImplementationFactory is { } factory
            ? (ILoggerFactory)factory(services)
            : (ILoggerFactory)ActivatorUtilities.CreateInstance(services, inner.ImplementationType!);
        return new PartnerCenterErrorLoggerFactory(created, ownsInner: true, new AppClassifier(services));
    }
}
