using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability;
using PartnerCenter.Observability.DependencyInjection;
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
    /// OpenTelemetry OTLP exporter are never instrumented. Options are validated at startup. Registers the app's
    /// <see cref="PartnerCenterErrorClassifier"/> (made from <see cref="PartnerCenterTelemetryOptions.Classification"/>,
    /// as the handler's is) for the log enrichers and the app's own code.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPartnerCenterTelemetry(this IServiceCollection services) =>
        services.AddPartnerCenterTelemetry(configure: null);

    /// <summary>
    /// Instruments every IHttpClientFactory client for requests to Partner Center hosts, as
    /// <see cref="AddPartnerCenterTelemetry(IServiceCollection)"/> does, with <paramref name="configure"/> applied to the
    /// app-wide options.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the app-wide options; <see langword="null"/> for none.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPartnerCenterTelemetry(this IServiceCollection services, Action<PartnerCenterTelemetryOptions>? configure)
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
    /// The client uses the app-wide options (<see cref="AddPartnerCenterTelemetry(IServiceCollection, Action{PartnerCenterTelemetryOptions})"/>,
    /// the <c>PartnerCenterTelemetry</c> section), with what the other overloads set for it on top.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddPartnerCenterTelemetry(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClient(builder);
        return builder;
    }

    /// <summary>
    /// Adds the Partner Center telemetry handler to this client, as <see cref="AddPartnerCenterTelemetry(IHttpClientBuilder)"/>
    /// does, with options of its own: they start from the app-wide options and <paramref name="configure"/> changes them
    /// for this client only (named options, named after the client; validated at startup).
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Changes the options of this client.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddPartnerCenterTelemetry(this IHttpClientBuilder builder, Action<PartnerCenterTelemetryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddClient(builder).Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds the Partner Center telemetry handler to this client, as <see cref="AddPartnerCenterTelemetry(IHttpClientBuilder)"/>
    /// does, with options of its own: they start from the app-wide options and <paramref name="section"/> (laid out as the
    /// <c>PartnerCenterTelemetry</c> section) changes them for this client only.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="section">The configuration section of this client.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddPartnerCenterTelemetry(this IHttpClientBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        AddClient(builder).Bind(section);
        return builder;
    }

    private static OptionsBuilder<PartnerCenterTelemetryOptions> AddClient(IHttpClientBuilder builder)
    {
        var services = builder.Services;
        var name = builder.Name;
        services.AddPartnerCenterTelemetryCore();
        var options = services.AddOptions<PartnerCenterTelemetryOptions>(name);
        if (HasClient(services, name))
        {
            return options;
        }

        services.AddSingleton(new PartnerCenterTelemetryClientMarker(name));
        services.AddSingleton<IOptionsChangeTokenSource<PartnerCenterTelemetryOptions>>(sp => new ClientOptionsChangeTokenSource(name, sp));
        options.ValidateOnStart();
        services.PostConfigure<HttpClientFactoryOptions>(name, factory =>
            factory.HttpMessageHandlerBuilderActions.Add(handlers =>
            {
                RemoveHandlers(handlers.AdditionalHandlers);
                handlers.AdditionalHandlers.Add(CreateHandler(handlers.Services, filterByHost: false, name));
            }));
        return options;
    }

    private static bool HasClient(IServiceCollection services, string name) =>
        services.Any(d => d.ServiceType == typeof(PartnerCenterTelemetryClientMarker) && d.ImplementationInstance is PartnerCenterTelemetryClientMarker marker && marker.Name == name);

    internal static IServiceCollection AddPartnerCenterTelemetryCore(this IServiceCollection services)
    {
        services.AddHttpClient();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PartnerCenterInstruments>();
        services.TryAddSingleton<PartnerCenterTelemetryState>();
        services.TryAddSingleton<PartnerCenterOperationResolver>();
        services.TryAddSingleton(sp => sp.GetRequiredService<PartnerCenterTelemetryState>()
            .For(sp.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>().CurrentValue).Classifier);
        services.AddOptions<PartnerCenterTelemetryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<PartnerCenterTelemetryOptions>, ClientOptionsInheritance>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCenterTelemetryOptions>, PartnerCenterTelemetryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCenterTelemetryOptions>, PartnerCenterTelemetryOptionsRules>());
        return services;
    }

    private static PartnerCenterTelemetryHandler CreateHandler(IServiceProvider services, bool filterByHost, string? optionsName = null) =>
        new(
            services.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>(),
            services.GetRequiredService<PartnerCenterTelemetryState>(),
            services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance,
            services.GetRequiredService<TimeProvider>(),
            filterByHost,
            optionsName);

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
                if (!handlers.AdditionalHandlers.Any(h => h is PartnerCenterTelemetryHandler))
                {
                    handlers.AdditionalHandlers.Add(CreateHandler(handlers.Services, filterByHost: true));
                }
            });
        }
    }
}
