using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability;
using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Partner Center telemetry handler.</summary>
public static class PartnerCenterTelemetryServiceCollectionExtensions
{
    private const string LoggerCategory = "PartnerCenter.Observability";

    /// <summary>
    /// Instruments every IHttpClientFactory client for requests to Partner Center hosts
    /// (<see cref="PartnerCenterTelemetryOptions.Hosts"/>); other requests pass through untouched. The clients of the
    /// OpenTelemetry OTLP exporter are never instrumented. Options are validated at startup.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPartnerCenterTelemetry(this IServiceCollection services, Action<PartnerCenterTelemetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPartnerCenterTelemetryCore();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpClientFactoryOptions>, AllClientsSetup>());
        return services;
    }

    /// <summary>
    /// Adds the Partner Center telemetry handler to this client. An explicitly instrumented client instruments all of its
    /// requests, whatever the host. The handler is placed innermost, so that it observes every attempt of a retry pipeline.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddPartnerCenterTelemetry(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPartnerCenterTelemetryCore();
        builder.Services.PostConfigure<HttpClientFactoryOptions>(builder.Name, options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                RemoveHandlers(handlers.AdditionalHandlers);
                handlers.AdditionalHandlers.Add(CreateHandler(handlers.Services, filterByHost: false));
            }));
        return builder;
    }

    internal static IServiceCollection AddPartnerCenterTelemetryCore(this IServiceCollection services)
    {
        services.AddHttpClient();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PartnerCenterInstruments>();
        services.TryAddSingleton<PartnerCenterTelemetryState>();
        services.AddOptions<PartnerCenterTelemetryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCenterTelemetryOptions>, PartnerCenterTelemetryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCenterTelemetryOptions>, PartnerCenterTelemetryOptionsRules>());
        return services;
    }

    private static PartnerCenterTelemetryHandler CreateHandler(IServiceProvider services, bool filterByHost) =>
        new(
            services.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>(),
            services.GetRequiredService<PartnerCenterTelemetryState>(),
            services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance,
            services.GetRequiredService<TimeProvider>(),
            filterByHost);

    private static void RemoveHandlers(IList<DelegatingHandler> handlers)
    {
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            if (handlers[i] is PartnerCenterTelemetryHandler)
            {
                handlers.RemoveAt(i);
            }
        }
    }

    /// <summary>Adds the host-filtered handler, innermost, to every client but the OTLP exporter's and those instrumented explicitly.</summary>
    private sealed class AllClientsSetup : IPostConfigureOptions<HttpClientFactoryOptions>
    {
        public void PostConfigure(string? name, HttpClientFactoryOptions options)
        {
            if (OtlpExporterClients.IsExporterClient(name))
            {
                return;
            }

            options.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                foreach (var handler in handlers.AdditionalHandlers)
                {
                    if (handler is PartnerCenterTelemetryHandler)
                    {
                        return;
                    }
                }

                handlers.AdditionalHandlers.Add(CreateHandler(handlers.Services, filterByHost: true));
            });
        }
    }
}
