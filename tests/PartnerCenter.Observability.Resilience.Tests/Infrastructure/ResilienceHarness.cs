using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Http.Resilience;
using PartnerCenter.Observability.Simulator;

namespace PartnerCenter.Observability.Resilience.Tests.Infrastructure;

/// <summary>Where the Partner Center telemetry handler comes from in a test.</summary>
public enum TelemetrySetup
{
    /// <summary><c>.AddPartnerCenterTelemetry()</c> on the client, before <c>.AddPartnerCenterResilienceHandler()</c>.</summary>
    ClientBeforeResilience,

    /// <summary><c>.AddPartnerCenterTelemetry()</c> on the client, after the resilience handler and the script handler.</summary>
    ClientAfterResilience,

    /// <summary><c>services.AddPartnerCenterTelemetry()</c>: every client, filtered by host.</summary>
    AllClients,

    /// <summary>No telemetry handler: responses are classified by status.</summary>
    None,
}

/// <summary>
/// The simulator and a client with the Partner Center resilience handler, all on one fake clock that
/// <see cref="RetryDriver"/> moves; collectors on the retries and errors counters.
/// </summary>
internal sealed class ResilienceHarness : IAsyncDisposable
{
    public const string ClientName = "partner-center";
    public const string OrdersPath = "v1/customers/0d3a1c2b-5e6f-4a7b-8c9d-0e1f2a3b4c5d/orders";
    public const string OrdersOperation = "/v1/customers/{customer_id}/orders";
    private const string OrderBody = """{"lineItems":[{"offerId":"CFQ7TTC0LH18:0001:CFQ7TTC0KQ8W","quantity":5}]}""";

    private ResilienceHarness(TestClock clock, PartnerCenterSimulator simulator, ServiceProvider services, RetryDriver driver, OutcomeScript script)
    {
        Clock = clock;
        Simulator = simulator;
        Services = services;
        Driver = driver;
        Script = script;
        var meters = services.GetRequiredService<IMeterFactory>();
        Retries = new MetricCollector<long>(meters, PartnerCenterTelemetryNames.SourceName, PartnerCenterTelemetryNames.Retries);
        Errors = new MetricCollector<long>(meters, PartnerCenterTelemetryNames.SourceName, PartnerCenterTelemetryNames.Errors);
        Client = services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
    }

    public TestClock Clock { get; }

    public PartnerCenterSimulator Simulator { get; }

    public ServiceProvider Services { get; }

    public RetryDriver Driver { get; }

    public OutcomeScript Script { get; }

    public HttpClient Client { get; }

    public MetricCollector<long> Retries { get; }

    public MetricCollector<long> Errors { get; }

    public static async Task<ResilienceHarness> StartAsync(
        Action<PartnerCenterResilienceOptions>? configure = null,
        Action<HttpStandardResilienceOptions>? configurePipeline = null,
        TelemetrySetup telemetry = TelemetrySetup.ClientBeforeResilience,
        Action<PartnerCenterSimulatorOptions>? configureSimulator = null)
    {
        var clock = new TestClock();
        var simulatorOptions = new PartnerCenterSimulatorOptions { Seed = 42, TimeProvider = clock };
        configureSimulator?.Invoke(simulatorOptions);
        var simulator = await PartnerCenterSimulator.StartAsync(simulatorOptions);

        var driver = new RetryDriver(clock);
        var script = new OutcomeScript();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        if (telemetry == TelemetrySetup.AllClients)
        {
            services.AddPartnerCenterTelemetry(o => o.Hosts.Add("127.0.0.1:" + simulator.BaseAddress.Port));
        }

        var client = services.AddHttpClient(ClientName, c => c.BaseAddress = simulator.BaseAddress);
        if (telemetry == TelemetrySetup.ClientBeforeResilience)
        {
            client.AddPartnerCenterTelemetry();
        }

        client.AddPartnerCenterResilienceHandler(configure).Configure(o =>
        {
            configurePipeline?.Invoke(o);
            o.Retry.OnRetry = driver.OnRetry; // the library's own OnRetry wraps this one
        });
        client.AddHttpMessageHandler(() => new ScriptHandler(script));
        if (telemetry == TelemetrySetup.ClientAfterResilience)
        {
            client.AddPartnerCenterTelemetry();
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ResilienceHarness(clock, simulator, provider, driver, script);
    }

    public static HttpRequestMessage NewOrder() =>
        new(HttpMethod.Post, OrdersPath) { Content = new StringContent(OrderBody, Encoding.UTF8, "application/json") };

    /// <summary>Places one order (one logical call), moving the clock through its retries.</summary>
    public Task<HttpResponseMessage> PostOrderAsync(HttpRequestMessage? request = null) => Driver.RunAsync(Client.SendAsync(request ?? NewOrder()));

    /// <summary>Forces the outcome of the next attempts, then places one order.</summary>
    public Task<HttpResponseMessage> PostOrderAsync(params string[] outcomes)
    {
        Script.Enqueue(outcomes);
        return PostOrderAsync();
    }

    public IReadOnlyList<PartnerCenterSimulatorRequest> Received => Simulator.ReceivedRequests;

    /// <summary>The gaps between successive arrivals at the server, on the fake clock.</summary>
    public IReadOnlyList<TimeSpan> ArrivalGaps(IReadOnlyList<PartnerCenterSimulatorRequest>? requests = null)
    {
        requests ??= Received;
        return [.. requests.Zip(requests.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt)];
    }

    public async ValueTask DisposeAsync()
    {
        Retries.Dispose();
        Errors.Dispose();
        Client.Dispose();
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
