using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using PartnerCenter.Observability.CommandLine;
using PartnerCenter.Observability.Demo;
using PartnerCenter.Observability.Simulator;

// The PartnerCenter.Observability demo: a simulated Partner Center, an app that calls it through a typed HttpClient,
// and the one line that instruments it all: builder.AddPartnerCenterTelemetry().
// The command line (System.CommandLine): --help prints the options and exits 0; a bad argument exits 2.
var commandLine = new DemoCommandLine();
DemoOptions? parsed = null;
commandLine.Command.SetAction(result => parsed = commandLine.Read(result));
var exit = await CommandLineRunner.RunAsync(commandLine.Command, args, Console.Out, Console.Error, "demo: ", CancellationToken.None);
if (parsed is not { } options)
{
    return exit;
}

// Said at once: a cold first run spends its time building before this line, and a run with --dashboard waits for the
// dashboard to start; from here on the user is told what happens.
if (!options.Json)
{
    Console.WriteLine(options.Dashboard
        ? "demo: starting the Partner Center simulator, the Aspire dashboard (a few seconds) and the instrumented app..."
        : "demo: starting the Partner Center simulator and the instrumented app...");
}

await using var simulator = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions
{
    Seed = options.Seed,
    Scenario = options.Scenario,
    SlowBodyDelay = TimeSpan.FromMilliseconds(800),
    TimeoutDelay = TimeSpan.FromSeconds(4),
});
await using var dashboard = options.Dashboard ? await AspireDashboardLauncher.StartAsync() : null;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
// The demo's service.name (else OpenTelemetry reports unknown_service:<process>); OTEL_SERVICE_NAME still wins.
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_SERVICE_NAME"] = DemoOptions.ServiceName });
builder.Configuration.AddEnvironmentVariables();
builder.Logging.SetMinimumLevel(LogLevel.Information);
dashboard?.ExportTo(builder.Configuration);

builder.AddPartnerCenterTelemetry(telemetry => telemetry.Hosts.Add(simulator.BaseAddress.Authority));
builder.Services.AddHttpClient<PartnerCenterClient>(client =>
{
    client.BaseAddress = simulator.BaseAddress;
    client.Timeout = TimeSpan.FromSeconds(3);
});

if (options.PrometheusPort is { } port)
{
    builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddPrometheusHttpListener(listener =>
    {
        // HttpListener matches the request's Host header against its prefixes: one prefix per name, so that both
        // http://localhost:<port>/metrics and http://127.0.0.1:<port>/metrics answer (one alone gave the other a 404).
        // Both bind the loopback address only.
        listener.Host = "localhost";
        listener.Port = port;
        listener.ConfigureHttpListener = static (options, http) =>
            http.Prefixes.Add($"http://127.0.0.1:{options.Port}{options.ScrapeEndpointPath?.TrimEnd('/') ?? "/metrics"}/");
    }));
}

using var host = builder.Build();
await host.StartAsync();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// SIGTERM (kill <pid>, a script's cleanup) stops the run like Ctrl+C: the host's lifetime turns it into ApplicationStopping.
host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stop.Cancel);

var client = host.Services.GetRequiredService<PartnerCenterClient>();
var stats = new DemoStats();
var driver = new TrafficDriver(client, stats, options);
await LiveView.RunAsync(driver, stats, options, simulator, dashboard, stop.Token);

SummaryWriter.Write(stats, options);
if (options.LingerSeconds > 0)
{
    // Keep /metrics up for a scraper (the dashboards' live test) after the summary is out.
    await Task.Delay(TimeSpan.FromSeconds(options.LingerSeconds), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
}

await host.StopAsync();
return 0;
