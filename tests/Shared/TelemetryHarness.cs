using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;

namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>A service provider with an instrumented named client, fake logging and metric collectors on our instruments.</summary>
internal sealed class TelemetryHarness : IDisposable
{
    public const string ClientName = "partner-center";

    public TelemetryHarness(Action<IServiceCollection>? configureServices = null, Action<PartnerCenterTelemetryOptions>? configure = null, bool explicitClient = true)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging(o => o.OutputSink = null);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        if (explicitClient)
        {
            services.AddHttpClient(ClientName).AddPartnerCenterTelemetry();
        }

        services.Configure<PartnerCenterTelemetryOptions>(o => configure?.Invoke(o));
        configureServices?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var meters = Services.GetRequiredService<IMeterFactory>();
        Duration = new MetricCollector<double>(meters, PartnerCenterTelemetryNames.SourceName, PartnerCenterTelemetryNames.RequestDuration);
        Errors = new MetricCollector<long>(meters, PartnerCenterTelemetryNames.SourceName, PartnerCenterTelemetryNames.Errors);
        RetryAfter = new MetricCollector<double>(meters, PartnerCenterTelemetryNames.SourceName, PartnerCenterTelemetryNames.RetryAfter);
        RuntimeDuration = new MetricCollector<double>(meters, "System.Net.Http", "http.client.request.duration");
    }

    public ServiceProvider Services { get; }

    public MetricCollector<double> Duration { get; }

    public MetricCollector<long> Errors { get; }

    public MetricCollector<double> RetryAfter { get; }

    public MetricCollector<double> RuntimeDuration { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public HttpClient CreateClient(string name = ClientName) => Services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public IReadOnlyList<FakeLogRecord> LogsAtOrAbove(LogLevel level) =>
        [.. Logs.GetSnapshot().Where(r => r.Level >= level && r.Category == PartnerCenterTelemetryNames.SourceName)];

    public void Dispose()
    {
        Duration.Dispose();
        Errors.Dispose();
        RetryAfter.Dispose();
        RuntimeDuration.Dispose();
        Services.Dispose();
    }
}
