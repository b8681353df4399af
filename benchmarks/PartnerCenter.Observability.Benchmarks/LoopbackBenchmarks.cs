using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>
/// HttpClient → the runtime's SocketsHttpHandler → an in-memory HTTP/1.1 connection (<see cref="CannedHttpStream"/>
/// from ConnectCallback), four ways in one run: bare; with the runtime's own HTTP telemetry (the System.Net.Http span
/// and http.client.* metrics) collected by an OpenTelemetry SDK; and with that plus our handler, with tracing, metrics
/// and logging at Warning on (with the library's defaults, and once more without its runtime-metrics enrichment). The
/// connection answers inline, on the thread that wrote the request: no thread-pool hop whose scheduling delay would be
/// noise on a shared machine. No server shares the 2 cores, so the deviations are the client's own. Each benchmark runs
/// in its own process, so listeners do not leak.
/// </summary>
[MemoryDiagnoser]
public class LoopbackBenchmarks
{
    private static readonly Uri Url = new("http://api.partnercenter.microsoft.com/v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/subscriptions");
    private static readonly byte[] Response = CannedHttpStream.JsonResponse("""{"totalCount":1,"items":[{"id":"1"}]}""");
    private HttpClient _client = null!;
    private TracerProvider? _tracing;
    private MeterProvider? _metrics;
    private ILoggerFactory? _logging;

    [GlobalSetup(Target = nameof(Bare))]
    public void SetupBare() => Start(withSdk: false, withOurs: false);

    [GlobalSetup(Target = nameof(RuntimeTelemetry))]
    public void SetupRuntime() => Start(withSdk: true, withOurs: false);

    [GlobalSetup(Target = nameof(RuntimeTelemetryPlusOurs))]
    public void SetupOurs() => Start(withSdk: true, withOurs: true);

    [GlobalSetup(Target = nameof(RuntimeTelemetryPlusOursNoEnrichment))]
    public void SetupOursNoEnrichment() => Start(withSdk: true, withOurs: true, enrichRuntimeMetrics: false);

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _tracing?.Dispose();
        _metrics?.Dispose();
        _logging?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "in-memory connection: bare")]
    public Task<int> Bare() => Send();

    [Benchmark(Description = "in-memory connection: runtime HTTP telemetry via OpenTelemetry SDK")]
    public Task<int> RuntimeTelemetry() => Send();

    [Benchmark(Description = "in-memory connection: runtime telemetry + our handler (tracing, metrics, logs at Warning)")]
    public Task<int> RuntimeTelemetryPlusOurs() => Send();

    [Benchmark(Description = "in-memory connection: runtime telemetry + our handler, runtime-metrics enrichment off")]
    public Task<int> RuntimeTelemetryPlusOursNoEnrichment() => Send();

    private async Task<int> Send()
    {
        using var response = await _client.GetAsync(Url).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    private void Start(bool withSdk, bool withOurs, bool enrichRuntimeMetrics = true)
    {
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

        HttpMessageHandler handler = new SocketsHttpHandler
        {
            ConnectCallback = static (_, _) => ValueTask.FromResult<Stream>(new CannedHttpStream(Response)),
        };
        if (withOurs)
        {
            _logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new NoopLoggerProvider()));
            // The library's defaults: ids added, and the operation added to the runtime's own duration metric (the
            // fourth row turns that enrichment off, to show its share).
            handler = HandlerFactory.Ours(handler, addRequestIds: true, _logging.CreateLogger(PartnerCenterTelemetryNames.SourceName), enrichRuntimeMetrics: enrichRuntimeMetrics);
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
