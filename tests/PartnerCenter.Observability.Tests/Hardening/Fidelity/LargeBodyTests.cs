using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Fidelity;

/// <summary>
/// Bodies far larger than memory should hold, generated on the fly by the server: an error body is never held (only its
/// first 64 KiB are read), and a success or error body streams through with a bounded buffer.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class LargeBodyTests : IAsyncLifetime
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

    public async ValueTask InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(ServeAsync);
        _clients.Instrumented.BaseAddress = _server.BaseAddress;
        _clients.Instrumented.Timeout = Timeout.InfiniteTimeSpan;
        _clients.Plain.BaseAddress = _server.BaseAddress;
        _clients.Plain.Timeout = Timeout.InfiniteTimeSpan;
    }

    // Memory is compared with the bare client (the same primary handler without ours) in the same test and process, and
    // only as live data: every sample follows a full, blocking collection. Uncollected garbage depends on the machine
    // (the GC sizes its gen0 budget from the CPU's cache: tens of MiB on one machine, over 64 MiB on another), live data
    // does not. A handler that held the body would add gigabytes to ours; the margin of 16 MiB is noise from pools
    // (Kestrel's and the socket's) that either client may have grown.
    private const long Margin = 16L * 1024 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_4_GiB_error_body_is_never_held_when_the_app_reads_its_first_bytes_and_disposes(bool chunked)
    {
        var bare = await ReadFirstBytesAndDisposeAsync(_clients.Plain, chunked);
        var ours = await ReadFirstBytesAndDisposeAsync(_clients.Instrumented, chunked);

        // The connection was dropped, not drained: with the handler, no more crossed the wire than without it (socket
        // buffers and the runtime's own bounded drain), never the body.
        Assert.True(ours.Received < bare.Received + 64L * 1024 * 1024, $"the client received {ours.Received} bytes with the handler, {bare.Received} without: the body was drained, not dropped");
        Assert.True(ours.HeapGrowth < bare.HeapGrowth + Margin, $"live heap grew by {Figures.MiB(ours.HeapGrowth)} with the handler, {Figures.MiB(bare.HeapGrowth)} without");
        foreach (var (name, run) in new[] { ("without the handler", bare), ("with the handler", ours) })
        {
            Figures.Report(_output, "large error body", $"{name}: 4 GiB {(chunked ? "chunked" : "Content-Length")} 500 JSON, first 100 B read then disposed in {run.Elapsed.TotalMilliseconds:0} ms; {Figures.MiB(run.Received)} crossed the wire; live heap {(run.HeapGrowth >= 0 ? "+" : "")}{Figures.MiB(run.HeapGrowth)}");
        }
    }

    [Theory]
    [InlineData(200, false)]
    [InlineData(200, true)]
    [InlineData(500, false)]
    [InlineData(500, true)]
    public async Task A_huge_body_streams_through_whole_with_a_bounded_buffer(int status, bool chunked)
    {
        // 1 GiB in CI (a buffered copy would be 64 times the margin), 4 GiB in the long run.
        var size = RunMode.Pick(1024L * 1024 * 1024, FourGiB);
        var bare = await StreamWholeAsync(_clients.Plain, size, status, chunked, expectCapture: false);
        var ours = await StreamWholeAsync(_clients.Instrumented, size, status, chunked, expectCapture: status >= 400);

        Assert.True(ours.PeakGrowth < bare.PeakGrowth + Margin, $"live heap peaked {Figures.MiB(ours.PeakGrowth)} above the start with the handler, {Figures.MiB(bare.PeakGrowth)} without");
        foreach (var (name, run) in new[] { ("without the handler", bare), ("with the handler", ours) })
        {
            Figures.Report(_output, "large body streamed", $"{name}: {Figures.MiB(size)} {status} {(chunked ? "chunked" : "Content-Length")} read whole in {run.Elapsed.TotalSeconds:0.0} s ({size / run.Elapsed.TotalSeconds / 1e6:0} MB/s, collections included); live heap peak +{Figures.MiB(run.PeakGrowth)}");
        }
    }

    private async Task<(long Received, long HeapGrowth, TimeSpan Elapsed)> ReadFirstBytesAndDisposeAsync(HttpClient client, bool chunked)
    {
        var receivedBefore = _wire.Received;
        var baseline = LiveHeap();
        var started = Stopwatch.GetTimestamp();
        var first = new byte[100];
        using (var response = await client.GetAsync(Path(FourGiB, 500, chunked), HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(500, (int)response.StatusCode);
            Assert.Equal(chunked ? null : FourGiB, response.Content.Headers.ContentLength);
            if (client == _clients.Instrumented)
            {
                Assert.True(response.RequestMessage!.TryGetPartnerCenterError(out var error));
                Assert.Equal("800003", error.Code);
            }

            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.ReadExactlyAsync(first).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await WaitForServerAsync();
        Assert.True(PatternBody.Matches(0, first));
        return (_wire.Received - receivedBefore, LiveHeap() - baseline, elapsed);
    }

    private async Task<(long PeakGrowth, TimeSpan Elapsed)> StreamWholeAsync(HttpClient client, long size, int status, bool chunked, bool expectCapture)
    {
        var baseline = LiveHeap();
        var peak = baseline;
        var started = Stopwatch.GetTimestamp();
        long total = 0;
        using (var response = await client.GetAsync(Path(size, status, chunked), HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal(expectCapture, response.Content.GetType() == typeof(StreamContent)); // the replacement (a server's content is never one)
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            var nextSample = 0L;
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30))) > 0)
            {
                Assert.True(PatternBody.Matches(total, buffer.AsSpan(0, read)), $"wrong bytes at offset {total}");
                total += read;
                if (total >= nextSample)
                {
                    nextSample += 128L * 1024 * 1024;
                    peak = Math.Max(peak, LiveHeap());
                }
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var written = await WaitForServerAsync();
        Assert.Equal(size, total);
        Assert.Equal(size, written);
        return (peak - baseline, elapsed);
    }

    /// <summary>The managed heap's live data: what is left after a full, blocking collection.</summary>
    private static long LiveHeap() => GC.GetTotalMemory(forceFullCollection: true);

    // xunit v3 calls only DisposeAsync on a class that has both: the clients are disposed here too.
    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

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
}
