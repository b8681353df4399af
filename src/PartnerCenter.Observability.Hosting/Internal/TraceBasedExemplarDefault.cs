using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// Turns on trace-based exemplars (a sampled span's trace and span id attached to the measurement recorded inside it),
/// so that a latency or error panel leads from a spike to the trace. The app's own choice wins: this configuration
/// runs first, so any <c>SetExemplarFilter</c> call of the app (before or after the one-liner) runs after it, and it
/// does nothing when <c>OTEL_METRICS_EXEMPLAR_FILTER</c> is configured (the SDK ignores that variable once a filter
/// was set in code).
/// </summary>
internal static class TraceBasedExemplarDefault
{
    internal const string FilterVariable = "OTEL_METRICS_EXEMPLAR_FILTER";

    /// <summary>Registers the default ahead of every other meter provider configuration.</summary>
    public static void Register(IServiceCollection services)
    {
        var before = services.Count;
        services.ConfigureOpenTelemetryMeterProvider(Configure);

        // The SDK runs the meter provider configurations in registration order: move this one to the front.
        for (var i = services.Count - 1; i >= before; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType.Name == "IConfigureMeterProviderBuilder")
            {
                services.RemoveAt(i);
                services.Insert(0, descriptor);
                return;
            }
        }
    }

    private static void Configure(IServiceProvider serviceProvider, MeterProviderBuilder meterProviderBuilder)
    {
        var configuration = serviceProvider.GetService<IConfiguration>();
        if (!string.IsNullOrWhiteSpace(configuration?[FilterVariable]))
        {
            return;
        }

        meterProviderBuilder.SetExemplarFilter(ExemplarFilterType.TraceBased);
    }
}
