using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>
/// HttpClient → Kestrel on 127.0.0.1, three ways in one run: bare; with the runtime's own HTTP telemetry collected by
/// an OpenTelemetry SDK (AddHttpClientInstrumentation for traces and metrics); and with that plus our handler, with
/// tracing, metrics and logging at Warning on. Each benchmark runs in its own process, so listeners do not leak.
/// </summary>
[MemoryDiagnoser]
public class LoopbackBenchmarks
{
    private WebApplication _server = null!;
    private HttpClient _client = null!;
    private Uri _url = null!;
    private TracerProvider? _tracing;
    private MeterProvider? _metrics;
    private ILoggerFactory? _logging;

    [GlobalSetup(Target = nameof(Bare))]
    public void SetupBare() => Start(withSdk: false, withOurs: false);

    [GlobalSetup(Target = nameof(RuntimeTelemetry))]
    public void SetupRuntime() => Start(withSdk: true, withOurs: false);

    [GlobalSetup(Target = nameof(RuntimeTelemetryPlusOurs))]
    public void SetupOurs() => Start(withSdk: true, withOurs: true);

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _tracing?.Dispose();
        _metrics?.Dispose();
        _logging?.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "loopback: bare")]
    public Task<int> Bare() => Send();

    [Benchmark(Description = "loopback: runtime HTTP telemetry via OpenTelemetry SDK")]
    public Task<int> RuntimeTelemetry() => Send();

    [Benchmark(Description = "loopback: runtime telemetry + our handler (tracing, metrics, logs at Warning)")]
    public Task<int> RuntimeTelemetryPlusOurs() => Send();

    private async Task<int> Send()
    {
        using var response = await _client.GetAsync(_url).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    private void Start(bool withSdk, bool withOurs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.Run(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"totalCount":1,"items":[{"id":"1"}]}""");
        });
        _server.StartAsync().GetAwaiter().GetResult();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = new Uri(address + "/v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/subscriptions");

        if (withSdk)
        {
            var tracing = Sdk.CreateTracerProviderBuilder().AddHttpClientInstrumentation();
            var metrics = Sdk.CreateMeterProviderBuilder().AddHttpClientInstrumentation()
                .AddReader(new PeriodicExportingMetricReader(new NoopMetricExporter(), exportIntervalMilliseconds: 600_000));
            if (withOurs)
            {
                tracing.AddPartnerCenterInstrumentation();
                metrics.AddPartnerCenterInstrumentation();
            }

            _tracing = tracing.Build();
            _metrics = metrics.Build();
        }

        HttpMessageHandler handler = new SocketsHttpHandler();
        if (withOurs)
        {
            _logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new NoopLoggerProvider()));
            handler = HandlerFactory.Ours(handler, addRequestIds: true, _logging.CreateLogger(PartnerCenterTelemetryNames.SourceName));
        }

        _client = new HttpClient(handler);
    }

    private sealed class NoopMetricExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }

    private sealed class NoopLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => HandlerFactory.WarningLogger;

        public void Dispose()
        {
        }
    }
}
