using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>
/// HttpClient round trips over the same in-memory inner handler. Success path: bare, an async pass-through handler
/// (the floor any handler pays), ours with every signal off, ours with tracing, metrics, logging and id injection on.
/// Error path: bare, the naive handler a user would write, ours (signals on), and ours with a streamed body (as from
/// the network, where the handler must hand the caller a replacement content).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HandlerBenchmarks
{
    private static readonly Uri Url = new("https://api.partnercenter.microsoft.com/v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders");

    private HttpClient _bare = null!;
    private HttpClient _passThrough = null!;
    private HttpClient _oursOff = null!;
    private HttpClient _oursOn = null!;
    private HttpClient _peerOn = null!;
    private HttpClient _peerSameIds = null!;
    private HttpClient _errorBare = null!;
    private HttpClient _errorNaive = null!;
    private HttpClient _errorOurs = null!;
    private HttpClient _errorOursStreamed = null!;
    private HttpClient _errorOursNoAttach = null!;
    private IDisposable? _listeners;

    [GlobalSetup(Targets = [nameof(Success_Bare), nameof(Success_PassThrough), nameof(Success_Ours_AllSignalsOff)])]
    public void SetupSignalsOff()
    {
        var ok = new InMemoryHandler(HttpStatusCode.OK, body: null);
        _bare = new HttpClient(ok, disposeHandler: false);
        _passThrough = new HttpClient(new PassThroughHandler { InnerHandler = ok }, disposeHandler: false);
        _oursOff = new HttpClient(HandlerFactory.Ours(ok, addRequestIds: false, HandlerFactory.LoggingOff), disposeHandler: false);
    }

    [GlobalSetup(Targets = [nameof(Success_Ours_AllSignalsOn), nameof(Success_Peer_SignalsOn), nameof(Success_Peer_SameIds), nameof(Success_Ours_AllSignalsOn_OptionsInUse), nameof(Success_Peer_SignalsOn_OptionsInUse)])]
    public void SetupSignalsOn()
    {
        SetupSignalsOff();
        _oursOn = new HttpClient(HandlerFactory.Ours(new InMemoryHandler(HttpStatusCode.OK, body: null), addRequestIds: true, HandlerFactory.WarningLogger), disposeHandler: false);
        _peerOn = new HttpClient(new PeerHandler { InnerHandler = new InMemoryHandler(HttpStatusCode.OK, body: null) }, disposeHandler: false);
        _peerSameIds = new HttpClient(new PeerHandler(sameIdsAsOurs: true) { InnerHandler = new InMemoryHandler(HttpStatusCode.OK, body: null) }, disposeHandler: false);
        _listeners = HandlerFactory.ListenToEverything();
    }

    [GlobalSetup(Targets = [nameof(Error_Bare), nameof(Error_Naive), nameof(Error_Ours), nameof(Error_Ours_StreamedBody), nameof(Error_Ours_ClassifyOnly), nameof(Error_Bare_OptionsInUse), nameof(Error_Ours_OptionsInUse)])]
    public void SetupErrorUnobserved()
    {
        var error = new InMemoryHandler(HttpStatusCode.Forbidden, Payloads.TypicalError);
        _errorBare = new HttpClient(error, disposeHandler: false);
        _errorNaive = new HttpClient(new NaiveHandler { InnerHandler = error }, disposeHandler: false);
        _errorOurs = new HttpClient(HandlerFactory.Ours(error, addRequestIds: false, HandlerFactory.LoggingOff), disposeHandler: false);
        _errorOursStreamed = new HttpClient(HandlerFactory.Ours(new InMemoryHandler(HttpStatusCode.Forbidden, Payloads.TypicalError, streamed: true), addRequestIds: false, HandlerFactory.LoggingOff), disposeHandler: false);
        _errorOursNoAttach = new HttpClient(HandlerFactory.Ours(error, addRequestIds: false, HandlerFactory.LoggingOff, attachError: false), disposeHandler: false);
    }

    [GlobalSetup(Targets = [nameof(Error_Naive_SignalsOn), nameof(Error_Ours_SignalsOn)])]
    public void SetupErrorObserved()
    {
        var error = new InMemoryHandler(HttpStatusCode.Forbidden, Payloads.TypicalError);
        _errorNaive = new HttpClient(new NaiveHandler { InnerHandler = error }, disposeHandler: false);
        _errorOurs = new HttpClient(HandlerFactory.Ours(error, addRequestIds: false, HandlerFactory.WarningLogger), disposeHandler: false);
        _listeners = HandlerFactory.ListenToEverything();
    }

    [GlobalCleanup]
    public void Cleanup() => _listeners?.Dispose();

    [Benchmark(Baseline = true, Description = "success: bare HttpClient")]
    [BenchmarkCategory("success")]
    public Task<HttpResponseMessage> Success_Bare() => Send(_bare);

    [Benchmark(Description = "success: async pass-through handler")]
    [BenchmarkCategory("success")]
    public Task<HttpResponseMessage> Success_PassThrough() => Send(_passThrough);

    [Benchmark(Description = "success: ours, every signal off")]
    [BenchmarkCategory("success")]
    public Task<HttpResponseMessage> Success_Ours_AllSignalsOff() => Send(_oursOff);

    [Benchmark(Description = "success: ours, tracing+metrics+logging+ids on")]
    [BenchmarkCategory("success")]
    public Task<HttpResponseMessage> Success_Ours_AllSignalsOn() => Send(_oursOn);

    [Benchmark(Description = "success: hand-written peer (1 Activity + 1 histogram + ids), listened")]
    [BenchmarkCategory("success")]
    public Task<HttpResponseMessage> Success_Peer_SignalsOn() => Send(_peerOn);

    [Benchmark(Description = "success: hand-written peer, listened, ids from the library's generator")]
    [BenchmarkCategory("success")]
    public Task<HttpResponseMessage> Success_Peer_SameIds() => Send(_peerSameIds);

    // Reading a request option makes the request's options dictionary (104 B) when nothing made it before: a bare client
    // never does, the retry layer and any caller naming the operation always do. These two rows show the success path
    // in that second case, where ours reads the operation name and the resend count without allocating.
    [Benchmark(Description = "success: ours, every signal on, request options in use (as behind the retry layer)")]
    [BenchmarkCategory("success")]
    public Task<HttpResponseMessage> Success_Ours_AllSignalsOn_OptionsInUse() => Send(_oursOn, optionsInUse: true);

    [Benchmark(Description = "success: hand-written peer, listened, request options in use (as behind the retry layer)")]
    [BenchmarkCategory("success")]
    public Task<HttpResponseMessage> Success_Peer_SignalsOn_OptionsInUse() => Send(_peerOn, optionsInUse: true);

    [Benchmark(Baseline = true, Description = "error 403: bare HttpClient")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Bare() => Send(_errorBare);

    [Benchmark(Description = "error 403: naive handler (string + Deserialize + tag), no listener")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Naive() => Send(_errorNaive);

    [Benchmark(Description = "error 403: ours (read + classify + attach), no listener")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Ours() => Send(_errorOurs);

    [Benchmark(Description = "error 403: ours, AttachErrorToRequest off, no listener (nothing to do)")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Ours_ClassifyOnly() => Send(_errorOursNoAttach);

    [Benchmark(Description = "error 403: bare HttpClient, request options in use (as behind the retry layer)")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Bare_OptionsInUse() => Send(_errorBare, optionsInUse: true);

    [Benchmark(Description = "error 403: ours, no listener, request options in use (as behind the retry layer)")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Ours_OptionsInUse() => Send(_errorOurs, optionsInUse: true);

    [Benchmark(Description = "error 403: ours, no listener, streamed body (replacement content)")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Ours_StreamedBody() => Send(_errorOursStreamed);

    [Benchmark(Description = "error 403: naive handler, span + counter listened")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Naive_SignalsOn() => Send(_errorNaive);

    [Benchmark(Description = "error 403: ours, span + metrics listened, log at Warning")]
    [BenchmarkCategory("error")]
    public Task<HttpResponseMessage> Error_Ours_SignalsOn() => Send(_errorOurs);

    /// <summary>One request through <paramref name="client"/>, its response disposed (shared by the handler benchmarks).</summary>
    internal static async Task<HttpResponseMessage> Send(HttpClient client, bool optionsInUse = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url);
        if (optionsInUse)
        {
            // What the retry layer sets on every attempt: the request already has its options dictionary.
            request.Options.Set(PartnerCenterRequestKeys.CallerCancellation, CancellationToken.None);
            request.Options.Set(PartnerCenterRequestKeys.ResendCount, 0);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.Dispose();
        return response;
    }
}
