using System.Net;
using BenchmarkDotNet.Attributes;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>
/// Issue 27's cost figure through the handler: a 403 whose code no catalogue row knows, so that its description takes
/// the allowlist path (fallback and redaction) to reach the span. The naive handler reads the body with
/// <c>ReadAsStringAsync</c> and deserializes it; ours reads, classifies and redacts it. Both with the span and the
/// counter listened and a logger at Warning; the bare client is the floor both are measured from.
/// </summary>
[MemoryDiagnoser]
public class UncatalogedErrorBenchmarks
{
    private HttpClient _bare = null!;
    private HttpClient _naive = null!;
    private HttpClient _ours = null!;
    private IDisposable? _listeners;

    [GlobalSetup(Targets = [nameof(Bare), nameof(Naive), nameof(Ours)])]
    public void SetupUnobserved()
    {
        var error = new InMemoryHandler(HttpStatusCode.Forbidden, Payloads.UncatalogedError);
        _bare = new HttpClient(error, disposeHandler: false);
        _naive = new HttpClient(new NaiveHandler { InnerHandler = error }, disposeHandler: false);
        _ours = new HttpClient(HandlerFactory.Ours(error, addRequestIds: false, HandlerFactory.LoggingOff), disposeHandler: false);
    }

    [GlobalSetup(Targets = [nameof(Naive_Listened), nameof(Ours_Listened)])]
    public void SetupObserved()
    {
        var error = new InMemoryHandler(HttpStatusCode.Forbidden, Payloads.UncatalogedError);
        _naive = new HttpClient(new NaiveHandler { InnerHandler = error }, disposeHandler: false);
        _ours = new HttpClient(HandlerFactory.Ours(error, addRequestIds: false, HandlerFactory.WarningLogger), disposeHandler: false);
        _listeners = HandlerFactory.ListenToEverything();
    }

    [GlobalCleanup]
    public void Cleanup() => _listeners?.Dispose();

    [Benchmark(Baseline = true, Description = "uncataloged 403: bare HttpClient")]
    public Task<HttpResponseMessage> Bare() => Send(_bare);

    [Benchmark(Description = "uncataloged 403: naive handler (ReadAsString + Deserialize), no listener")]
    public Task<HttpResponseMessage> Naive() => Send(_naive);

    [Benchmark(Description = "uncataloged 403: ours (read + fallback + allowlist redaction + attach), no listener")]
    public Task<HttpResponseMessage> Ours() => Send(_ours);

    [Benchmark(Description = "uncataloged 403: naive handler, span + counter listened")]
    public Task<HttpResponseMessage> Naive_Listened() => Send(_naive);

    [Benchmark(Description = "uncataloged 403: ours, span + metrics listened, log at Warning")]
    public Task<HttpResponseMessage> Ours_Listened() => Send(_ours);

    private static Task<HttpResponseMessage> Send(HttpClient client) => HandlerBenchmarks.Send(client);
}
