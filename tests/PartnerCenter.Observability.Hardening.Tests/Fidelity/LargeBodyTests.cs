using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PartnerCenter.Observability.Hardening.Tests.Fidelity;

/// <summary>
/// Bodies far larger than memory should hold, generated on the fly by the server: an error body is never held (only its
/// first 64 KiB are read), and a success or error body streams through with a bounded buffer.
/// </summary>
public sealed class LargeBodyTests : IAsyncLifetime, IDisposable
{
    private const long FourGiB = 4L * 1024 * 1024 * 1024;
    private readonly ITestOutputHelper _output;
    private readonly CountingConnection _wire = new();
    private readonly InstrumentedClients _clients;
    private readonly ConcurrentQueue<long> _written = new();
    private LoopbackServer? _server;

    public LargeBodyTests(ITestOutputHelper output)
    {
        _output = output;
        _clients = new InstrumentedClients(primary: _wire.CreateHandler);
    }

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(ServeAsync);
        _clients.Instrumented.BaseAddress = _server.BaseAddress;
        _clients.Instrumented.Timeout = Timeout.InfiniteTimeSpan;
        _clients.Plain.BaseAddress = _server.BaseAddress;
        _clients.Plain.Timeout = Timeout.InfiniteTimeSpan;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_4_GiB_error_body_is_never_held_when_the_app_reads_its_first_bytes_and_disposes(bool chunked)
    {
        var baseline = Memory.Sample(forceCollection: true);
        var started = Stopwatch.GetTimestamp();
        var first = new byte[100];
        using (var response = await _clients.Instrumented.GetAsync(Path(FourGiB, 500, chunked), HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(500, (int)response.StatusCode);
            Assert.Equal(chunked ? null : FourGiB, response.Content.Headers.ContentLength);
            Assert.True(response.RequestMessage!.Options.TryGetValue(PartnerCenterRequestOptions.Error, out var error));
            Assert.Equal("800003", error.Code);

            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.ReadExactlyAsync(first).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var disposed = Stopwatch.GetElapsedTime(started);
        var during = Memory.Sample(forceCollection: false);
        await WaitForServerAsync();
        var after = Memory.Sample(forceCollection: true);
        var received = _wire.Received;
        Assert.True(PatternBody.Matches(0, first));

        // The connection was dropped, not drained: the client received a few MiB at most (socket buffers, the runtime's
        // own bounded drain), never the body.
        Assert.True(received < 64L * 1024 * 1024, $"the client received {received} bytes: the body was drained, not dropped");
        Assert.True(during.Heap - baseline.Heap < 32L * 1024 * 1024, $"GC heap grew by {Figures.MiB(during.Heap - baseline.Heap)}");
        Assert.True(after.Heap - baseline.Heap < 16L * 1024 * 1024, $"GC heap grew by {Figures.MiB(after.Heap - baseline.Heap)} after a collection");
        Figures.Report(_output, "large error body", $"4 GiB {(chunked ? "chunked" : "Content-Length")} 500 JSON, first 100 B read then disposed in {disposed.TotalMilliseconds:0} ms; {Figures.MiB(received)} crossed the wire; GC heap {Figures.MiB(baseline.Heap)} -> {Figures.MiB(during.Heap)} (no collection) -> {Figures.MiB(after.Heap)}; working set {Figures.MiB(baseline.WorkingSet)} -> {Figures.MiB(after.WorkingSet)}");
    }

    [Theory]
    [InlineData(200, false, false)]
    [InlineData(200, true, false)]
    [InlineData(500, false, false)]
    [InlineData(500, false, true)]
    public async Task A_huge_body_streams_through_whole_with_a_bounded_buffer(int status, bool chunked, bool bare)
    {
        var client = bare ? _clients.Plain : _clients.Instrumented;
        // 4 GiB (loopback runs at about 2 GB/s here); in CI an error body, read through the handler's replacement content, is 1 GiB.
        var size = RunMode.Pick(status < 400 ? FourGiB : 1024L * 1024 * 1024, FourGiB);
        var baseline = Memory.Sample(forceCollection: true);
        var peak = baseline;
        var started = Stopwatch.GetTimestamp();
        long total = 0;
        using (var response = await client.GetAsync(Path(size, status, chunked), HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal(status >= 400 && !bare, response.Content.GetType().Name == "CapturedBodyContent");
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            var nextSample = 0L;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                Assert.True(PatternBody.Matches(total, buffer.AsSpan(0, read)), $"wrong bytes at offset {total}");
                total += read;
                if (total >= nextSample)
                {
                    nextSample += 128L * 1024 * 1024;
                    var now = Memory.Sample(forceCollection: false);
                    peak = new Memory(Math.Max(peak.Heap, now.Heap), Math.Max(peak.WorkingSet, now.WorkingSet));
                }
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var written = await WaitForServerAsync();
        Assert.Equal(size, total);
        Assert.Equal(size, written);
        Assert.True(peak.Heap - baseline.Heap < 64L * 1024 * 1024, $"GC heap peaked {Figures.MiB(peak.Heap - baseline.Heap)} above the start");
        Figures.Report(_output, "large body streamed", $"{(bare ? "without the handler" : "with the handler")}: {Figures.MiB(size)} {status} {(chunked ? "chunked" : "Content-Length")} read whole in {elapsed.TotalSeconds:0.0} s ({size / elapsed.TotalSeconds / 1e6:0} MB/s); GC heap peak +{Figures.MiB(peak.Heap - baseline.Heap)}, working set peak +{Figures.MiB(peak.WorkingSet - baseline.WorkingSet)}");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _clients.Dispose();

    private static Uri Path(long size, int status, bool chunked) =>
        new(string.Create(CultureInfo.InvariantCulture, $"large?size={size}&status={status}&chunked={(chunked ? 1 : 0)}"), UriKind.Relative);

    private async Task<long> WaitForServerAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_written.TryDequeue(out var written))
            {
                return written;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The server's write loop did not end within 30 s.");
    }

    private async Task ServeAsync(HttpContext context)
    {
        var size = long.Parse(context.Request.Query["size"].ToString(), CultureInfo.InvariantCulture);
        context.Response.StatusCode = int.Parse(context.Request.Query["status"].ToString(), CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json; charset=utf-8";
        if (context.Request.Query["chunked"] == "1")
        {
            await context.Response.StartAsync();
        }
        else
        {
            context.Response.ContentLength = size;
        }

        _written.Enqueue(await PatternBody.WriteAsync(context.Response, size, context.RequestAborted));
    }

    /// <summary>The managed heap and the process's working set.</summary>
    private readonly record struct Memory(long Heap, long WorkingSet)
    {
        public static Memory Sample(bool forceCollection) => new(GC.GetTotalMemory(forceCollection), Environment.WorkingSet);
    }
}
