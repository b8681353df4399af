using System.Diagnostics;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Fidelity;

/// <summary>
/// Through a real HttpClient and Kestrel on loopback, the app sees the same status, headers and body bytes with our
/// handler as without it: every size around the byte limit, Content-Length and chunked, JSON, HTML, text and binary,
/// gzip with automatic decompression, success and error, read buffered, as an async stream and as a sync stream.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class BodyFidelityTests : IClassFixture<FidelityServer>, IDisposable
{
    private static readonly int Limit = new PartnerCenterClassificationOptions().MaxBodyBytes;
    private static readonly int[] Sizes = [0, 1, 1024, Limit - 1, Limit, Limit + 1, Limit + 2, 1024 * 1024, 8 * 1024 * 1024];
    private static readonly int[] ReadSizes = [1, 7, 4093, 65536, 3];
    private readonly FidelityServer _server;
    private readonly ITestOutputHelper _output;
    private readonly InstrumentedClients _clients = new();

    public BodyFidelityTests(FidelityServer server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        _clients.Plain.BaseAddress = server.BaseAddress;
        _clients.Instrumented.BaseAddress = server.BaseAddress;
    }

    public enum ReadMode
    {
        Buffered,
        AsyncStream,
        SyncStream,
    }

    public static TheoryData<BodyKind, int, bool> Cases()
    {
        var data = new TheoryData<BodyKind, int, bool>();
        foreach (var kind in Enum.GetValues<BodyKind>())
        {
            foreach (var status in (int[])[200, 403])
            {
                foreach (var gzip in (bool[])[false, true])
                {
                    data.Add(kind, status, gzip);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_app_reads_the_same_status_headers_and_bytes_with_and_without_the_handler(BodyKind kind, int status, bool gzip)
    {
        var compared = 0;
        var started = Stopwatch.GetTimestamp();
        foreach (var size in Sizes)
        {
            var expected = TestBodies.Get(kind, size);
            foreach (var chunked in (bool[])[false, true])
            {
                foreach (var mode in Enum.GetValues<ReadMode>())
                {
                    var path = FidelityServer.PathFor(kind, size, status, chunked, gzip);
                    var bare = await FetchAsync(_clients.Plain, path, mode);
                    var ours = await FetchAsync(_clients.Instrumented, path, mode);
                    var what = $"{kind} {size} B, status {status}, {(chunked ? "chunked" : "Content-Length")}, {(gzip ? "gzip" : "identity")}, {mode}";

                    Assert.True(bare.Body.AsSpan().SequenceEqual(expected), "the bare client itself read other bytes: " + what);
                    Assert.Equal(bare.Status, ours.Status);
                    Assert.Equal(bare.Reason, ours.Reason);
                    Assert.Equal(bare.Headers, ours.Headers);
                    Assert.Equal(bare.ContentHeaders, ours.ContentHeaders);
                    Assert.True(ours.Body.AsSpan().SequenceEqual(expected), $"other bytes with the handler ({ours.Body.Length} B): {what}");

                    // The handler classified the error (and only the error) and attached it to the request.
                    Assert.Equal(status >= 400, ours.Classification is not null);
                    Assert.Equal(status >= 400 ? status : 0, ours.Classification?.StatusCode ?? 0);
                    // Only JSON-like error bodies are read, so only their content is replaced (an empty Content-Length body is not read).
                    var read = status >= 400 && kind is BodyKind.Json or BodyKind.BinaryAsJson or BodyKind.NoContentType && (size > 0 || chunked || gzip);
                    Assert.True(read == ours.Wrapped, $"content replaced: {ours.Wrapped}, expected {read}: {what}");

                    compared++;
                }
            }
        }

        Assert.Equal(Sizes.Length * 2 * 3, compared);
        Assert.True(_clients.SpanCount >= compared, "the handler did not record a span per request: the instrumented path was not exercised");
        Figures.Report(_output, "fidelity", $"{kind}/{status}/{(gzip ? "gzip" : "identity")}: {compared} request pairs identical in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_larger_than_the_apps_buffer_limit_fails_the_same_way(bool chunked)
    {
        _clients.Plain.MaxResponseContentBufferSize = 1024 * 1024;
        _clients.Instrumented.MaxResponseContentBufferSize = 1024 * 1024;
        var path = FidelityServer.PathFor(BodyKind.Json, 8 * 1024 * 1024, 500, chunked, gzip: false);

        var bare = await Record.ExceptionAsync(() => _clients.Plain.GetAsync(path));
        var ours = await Record.ExceptionAsync(() => _clients.Instrumented.GetAsync(path));

        Assert.NotNull(bare);
        Assert.NotNull(ours);
        Assert.Equal(bare.GetType(), ours.GetType());
        Assert.Equal(bare.Message, ours.Message);
        Assert.Equal(bare.InnerException?.GetType(), ours.InnerException?.GetType());
    }

    public void Dispose() => _clients.Dispose();

    private static async Task<Observed> FetchAsync(HttpClient client, Uri path, ReadMode mode)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await client.SendAsync(request, mode == ReadMode.Buffered ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead);
        var wrapped = response.Content.GetType() == typeof(StreamContent); // the replacement (a server's content is never one)
        byte[] body;
        switch (mode)
        {
            case ReadMode.Buffered:
                body = await response.Content.ReadAsByteArrayAsync();
                break;
            case ReadMode.AsyncStream:
                body = await ReadAsync(await response.Content.ReadAsStreamAsync());
                break;
            default:
                body = await Task.Run(() => Read(response.Content.ReadAsStream()));
                break;
        }

        PartnerCenterErrorClassification? classification = request.TryGetPartnerCenterError(out var attached) ? attached : null;
        return new Observed(
            (int)response.StatusCode,
            response.ReasonPhrase,
            Describe(response.Headers.Where(h => h.Key != "Date")),
            Describe(response.Content.Headers),
            body,
            classification,
            wrapped);
    }

    private static async Task<byte[]> ReadAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            var buffer = new byte[65536];
            var turn = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ReadSizes[turn++ % ReadSizes.Length]))) > 0)
            {
                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
    }

    private static byte[] Read(Stream stream)
    {
        using (stream)
        {
            using var copy = new MemoryStream();
            var buffer = new byte[65536];
            var turn = 0;
            int read;
            while ((read = stream.Read(buffer, 0, ReadSizes[turn++ % ReadSizes.Length])) > 0)
            {
                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
    }

    private static string Describe(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers) =>
        string.Join("\n", headers.Select(h => h.Key + ": " + string.Join(", ", h.Value)).Order(StringComparer.Ordinal));

    private sealed record Observed(int Status, string? Reason, string Headers, string ContentHeaders, byte[] Body, PartnerCenterErrorClassification? Classification, bool Wrapped);
}
