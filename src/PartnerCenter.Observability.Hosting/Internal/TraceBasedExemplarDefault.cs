using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// Turns on trace-based exemplars (a sampled span's trace and span id attached to the measurement recorded inside it),
/// so that a latency or error panel leads from a spike to the trace; the SDK's own default is <c>AlwaysOff</c>. The
/// app's own choice wins: the configuration is placed ahead of every other one in the container (the SDK runs meter
/// provider configurations in registration order), so any <c>SetExemplarFilter</c> call of the app (before or after
/// the one-liner) runs after it, and it does nothing when <c>OTEL_METRICS_EXEMPLAR_FILTER</c> is configured (the SDK
/// ignores that variable once a filter was set in code).
/// </summary>
internal static class TraceBasedExemplarDefault
{
    internal const string FilterVariable = "OTEL_METRICS_EXEMPLAR_FILTER";

    /// <summary>Registers the default ahead of every other meter provider configuration.</summary>
    public static void Register(IServiceCollection services)
    {
        // The registration OpenTelemetry's public ConfigureOpenTelemetryMeterProvider makes, taken from a scratch
        // collection so that it is known without naming any of OpenTelemetry's types, and inserted first. Should the
        // SDK ever register more than that one service there, the default is appended instead: the app's filter set
        // after the one-liner (or in configuration) still wins, one set before it no longer does.
        var scratch = new ServiceCollection();
        scratch.ConfigureOpenTelemetryMeterProvider(Configure);
        if (scratch.Count != 1)
        {
            services.ConfigureOpenTelemetryMeterProvider(Configure);
            return;
        }

        services.Insert(0, scratch[0]);
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
