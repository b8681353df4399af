using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerCenter.Observability;
using PartnerCenter.Observability.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one-line setup of Partner Center telemetry in Program.cs.</summary>
public static class PartnerCenterTelemetryHostApplicationBuilderExtensions
{
    /// <summary>
    /// Instruments every IHttpClientFactory client for requests to Partner Center hosts, binds and validates the
    /// <c>PartnerCenterTelemetry</c> configuration section, registers OpenTelemetry tracing, metrics and logging with the
    /// Partner Center source and meter (and ASP.NET Core's request source, so that spans started inside a request are
    /// sampled by the app's sampler rather than dropped under an unrecorded request Activity), redacts Partner Center URLs in the runtime's HTTP spans and IHttpClientFactory's
    /// logs, turns on trace-based exemplars unless the app chose its own exemplar filter (in code or with
    /// <c>OTEL_METRICS_EXEMPLAR_FILTER</c>), and exports over OTLP when the standard <c>OTEL_EXPORTER_OTLP_*</c> variables are set, unless the app
    /// configured an OTLP exporter itself, in which case only sources, meter and processors are added.
    /// </summary>
    /// <param name="builder">The host application builder.</param>
    /// <param name="configure">Configures the options after the configuration section is bound.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddPartnerCenterTelemetry(this IHostApplicationBuilder builder, Action<PartnerCenterTelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PartnerCenterTelemetryOptions>().Bind(builder.Configuration.GetSection(PartnerCenterTelemetryOptions.SectionName));
        services.AddPartnerCenterTelemetry(configure);
        services.AddSingleton<PartnerCenterUrlRedaction>();

        services.AddSingleton<RuntimeHttpSpanRedactionListener>();

        // IHttpClientFactory's own request logging, replaced for every client by the same lines with Partner Center URLs
        // redacted, so that no logging path (console, JSON console, Serilog, OTLP) carries a customer id or a query.
        services.AddSingleton<RedactingHttpClientLogger>();
        services.ConfigureHttpClientDefaults(http => http
            .RemoveAllLoggers()
            .AddLogger(sp => sp.GetRequiredService<RedactingHttpClientLogger>(), wrapHandlersPipeline: true));

        // Created while the tracer provider is built, before the provider's own listener: the runtime span is redacted
        // before any processor or exporter sees it, in whatever order the app registered them.
        services.ConfigureOpenTelemetryTracerProvider((sp, _) => sp.GetRequiredService<RuntimeHttpSpanRedactionListener>());

        var otel = services.AddOpenTelemetry();
        otel.WithTracing(tracing => tracing
            .AddPartnerCenterInstrumentation()
            .AddSource(AspNetCoreRequestSource.Name)
            .AddProcessor(sp => new RuntimeHttpSpanRedactionProcessor(sp.GetRequiredService<PartnerCenterUrlRedaction>())));
        otel.WithMetrics(metrics => metrics.AddPartnerCenterInstrumentation());
        TraceBasedExemplarDefault.Register(services);
        otel.WithLogging(logging => logging
            .AddPartnerCenterLogEnrichment()
            .AddProcessor(sp => new HttpClientLogRedactionProcessor(sp.GetRequiredService<PartnerCenterUrlRedaction>())));

        var otlp = OtlpEnvironment.From(builder.Configuration);
        if (otlp.IsConfigured)
        {
            OtlpExport.AddUnlessAppHasAnExporter(services, otlp);
        }

        return builder;
    }
}
