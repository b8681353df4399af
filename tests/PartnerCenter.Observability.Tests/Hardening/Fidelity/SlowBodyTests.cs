using System.Text;
using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Tests.Infrastructure;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.Hardening.Tests.Fidelity;

/// <summary>
/// Slow and stalled bodies: a success stream is handed over at once (its first chunk is readable while the server is
/// still sending); a stalled error body makes the handler stop waiting after <c>BodyReadTimeout</c>, and the app still
/// receives every byte once the server goes on. Every wait in these tests is bounded; the handler's time limit runs on a
/// fake clock that only the test moves, so no assertion depends on how fast the machine is.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class SlowBodyTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan BodyReadTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"code\": 800020, \"description\": \"The catalog item isn't eligible for purchase.\", \"data\": [\"" + new string('x', 3000) + "\"], \"source\": \"PartnerFD\"}");

    private readonly ITestOutputHelper _output;
    private readonly SignallingTimeProvider _time = new();
    private readonly InstrumentedClients _clients;

    public SlowBodyTests(ITestOutputHelper output)
    {
        _output = output;
        _clients = new InstrumentedClients(o => o.BodyReadTimeout = BodyReadTimeout, time: _time);
    }

    public enum StallAt
    {
        /// <summary>Headers sent, not one byte of the body.</summary>
        BeforeTheBody,

        /// <summary>The first 1,000 bytes sent (the code among them), then nothing.</summary>
        MidBody,
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_success_stream_is_not_buffered_its_first_chunk_is_readable_before_the_server_finished(bool chunked)
    {
        await using var stall = await StallingServer.StartAsync(200, Body, firstPart: 1000, chunked);
        using var response = await _clients.Instrumented.GetAsync(stall.Address, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Bound);
        Assert.NotEqual(typeof(StreamContent), response.Content.GetType()); // not replaced
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[Body.Length];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Bound);

        Assert.True(read > 0);
        Assert.False(stall.Finished.IsCompleted, "the server had finished: the first chunk did not come before the end");
        stall.Release();
        var total = read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total)).AsTask().WaitAsync(Bound)) > 0)
        {
            total += read;
        }

        Assert.Equal(Body, buffer[..total]);
    }

    [Theory]
    [InlineData(StallAt.BeforeTheBody, false)]
    [InlineData(StallAt.BeforeTheBody, true)]
    [InlineData(StallAt.MidBody, false)]
    [InlineData(StallAt.MidBody, true)]
    public async Task A_stalled_error_body_is_given_up_after_the_body_read_timeout_and_the_app_still_gets_every_byte(StallAt at, bool chunked)
    {
        await using var stall = await StallingServer.StartAsync(403, Body, firstPart: at == StallAt.MidBody ? 1000 : 0, chunked);
        var sending = _clients.Instrumented.GetAsync(stall.Address, HttpCompletionOption.ResponseHeadersRead);

        // The handler waits for the rest of the body on its clock for exactly BodyReadTimeout, not for the server: not
        // a tick less, and it gives up at the limit.
        Assert.Equal(BodyReadTimeout, await _time.WaitForTimerAsync());
        _time.Advance(BodyReadTimeout - TimeSpan.FromTicks(1));
        Assert.False(sending.IsCompleted, "the handler gave up before BodyReadTimeout");
        _time.Advance(TimeSpan.FromTicks(1));
        using var response = await sending.WaitAsync(Bound);
        Assert.False(stall.Finished.IsCompleted);
        Assert.True(response.RequestMessage!.TryGetPartnerCenterError(out var error));
        if (at == StallAt.MidBody)
        {
            Assert.Equal("800020", error.Code);
            Assert.Equal(PartnerCenterErrorCategory.Eligibility, error.Category);
        }
        else
        {
            Assert.Null(error.Code);
            Assert.Equal(PartnerCenterErrorCategory.Auth, error.Category);
        }

        // The server goes on later; the app reads the whole body. The server holds the rest until Release, so a whole
        // body proves that the app's read waited for it (a handler that ended the body early would give fewer bytes).
        var reading = response.Content.ReadAsByteArrayAsync();
        Assert.False(reading.IsCompleted);
        stall.Release();
        Assert.Equal(Body, await reading.WaitAsync(Bound));
        Figures.Report(_output, "stalled error body", $"stall {at}, {(chunked ? "chunked" : "Content-Length")}: handler gave up at BodyReadTimeout ({BodyReadTimeout.TotalMilliseconds:0} ms on its clock), app read all {Body.Length} B after the server resumed");
    }

    [Fact]
    public async Task A_stalled_error_body_read_buffered_completes_when_the_server_does()
    {
        await using var stall = await StallingServer.StartAsync(403, Body, firstPart: 1000, chunked: true);
        var fetching = _clients.Instrumented.GetAsync(stall.Address);
        await Task.Delay(BodyReadTimeout * 3);
        Assert.False(fetching.IsCompleted);
        stall.Release();
        using var response = await fetching.WaitAsync(Bound);
        Assert.Equal(Body, await response.Content.ReadAsByteArrayAsync().WaitAsync(Bound));
    }

    [Theory]
    [InlineData(StallAt.BeforeTheBody)]
    [InlineData(StallAt.MidBody)]
    public async Task An_app_that_gives_up_on_a_stalled_error_body_gets_the_same_cancellation_and_nothing_hangs(StallAt at)
    {
        var bare = await GiveUpAsync(_clients.Plain, at);
        var ours = await GiveUpAsync(_clients.Instrumented, at);
        Assert.IsAssignableFrom<OperationCanceledException>(bare);
        Assert.Equal(bare.GetType(), ours.GetType());
    }

    public void Dispose() => _clients.Dispose();

    private async Task<Exception> GiveUpAsync(HttpClient client, StallAt at)
    {
        await using var stall = await StallingServer.StartAsync(403, Body, firstPart: at == StallAt.MidBody ? 1000 : 0, chunked: false);
        var sending = client.GetAsync(stall.Address, HttpCompletionOption.ResponseHeadersRead);
        if (client == _clients.Instrumented)
        {
            // The handler gives up on the body at its limit, on its clock.
            await _time.WaitForTimerAsync();
            _time.Advance(BodyReadTimeout);
        }

        using var response = await sending.WaitAsync(Bound);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var exception = await Record.ExceptionAsync(() => response.Content.ReadAsByteArrayAsync(giveUp.Token).WaitAsync(Bound));
        Assert.NotNull(exception);
        return exception;
    }

    /// <summary>Sends the headers and the first part of a body, then waits for <see cref="Release"/> (at most a minute) before the rest.</summary>
    private sealed class StallingServer : IAsyncDisposable
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private LoopbackServer? _server;

        public Uri Address => new(_server!.BaseAddress, "v1/customers/c1/orders");

        public Task Finished => _finished.Task;

        public static async Task<StallingServer> StartAsync(int status, byte[] body, int firstPart, bool chunked)
        {
            var stall = new StallingServer();
            stall._server = await LoopbackServer.StartAsync(context => stall.ServeAsync(context, status, body, firstPart, chunked));
            return stall;
        }

        public void Release() => _release.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            Release();
            await _server!.DisposeAsync();
        }

        private async Task ServeAsync(HttpContext context, int status, byte[] body, int firstPart, bool chunked)
        {
            try
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json; charset=utf-8";
                if (!chunked)
                {
                    context.Response.ContentLength = body.Length;
                }

                if (firstPart == 0)
                {
                    await context.Response.StartAsync();
                }
                else
                {
                    // Headers and the first part in one write: the client has them together, before the stall.
                    await context.Response.Body.WriteAsync(body.AsMemory(0, firstPart));
                }

                await context.Response.Body.FlushAsync();
                await _release.Task.WaitAsync(TimeSpan.FromMinutes(1), context.RequestAborted);
                await context.Response.Body.WriteAsync(body.AsMemory(firstPart));
                _finished.TrySetResult();
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or TimeoutException)
            {
                _finished.TrySetResult();
            }
        }
    }
}
