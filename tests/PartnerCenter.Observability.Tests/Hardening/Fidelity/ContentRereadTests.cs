using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Fidelity;

/// <summary>
/// Issue 27, class "re-readable content": an in-memory primary handler's error content, of every kind, read by the app
/// in every way and twice, gives behind the handler exactly what it gives without it (the bytes, the second read's
/// bytes, or the same exception type). StreamContent over a seekable stream, at the start and at an offset, with and
/// without a length, is the case that gave 0 bytes on the second read.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class ContentRereadTests
{
    private const string Body = """{"code":800020,"description":"The catalog item isn't eligible for purchase."}""";

    public enum Kind { SeekableStream, SeekableStreamWithoutLength, ByteArray, ReadOnlyMemory, Text }

    public enum Pattern { StringTwice, BytesTwice, StreamTwice, CopyTwice, StreamThenString, SyncStreamTwice, BufferThenStreams, StreamUnreadThenStrings, SyncCopyTwice }

    public static TheoryData<Kind, int> Contents()
    {
        var data = new TheoryData<Kind, int>();
        foreach (var kind in Enum.GetValues<Kind>())
        {
            data.Add(kind, 0);
            data.Add(kind, 10);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Contents))]
    public async Task Every_read_pattern_reads_as_without_the_handler(Kind kind, int offset)
    {
        foreach (var pattern in Enum.GetValues<Pattern>())
        {
            using var harness = new TelemetryHarness(services => services.AddHttpClient(TelemetryHarness.ClientName).ConfigurePrimaryHttpMessageHandler(() => new StubHandler(kind, offset)));
            using var plain = new HttpClient(new StubHandler(kind, offset));
            using var instrumented = harness.CreateClient();

            var without = await ReadAsync(plain, pattern);
            var with = await ReadAsync(instrumented, pattern);

            Assert.True(without == with, $"{kind} at {offset}, {pattern}: without the handler {without}, with it {with}");
            Assert.Single(harness.Errors.GetMeasurementSnapshot());
        }
    }

    private static async Task<string> ReadAsync(HttpClient client, Pattern pattern)
    {
        using var response = await client.GetAsync(new Uri("http://partner.example/v1/customers/1/orders"), HttpCompletionOption.ResponseHeadersRead);
        var content = response.Content;
        try
        {
            return pattern switch
            {
                Pattern.StringTwice => $"{await content.ReadAsStringAsync()}|{await content.ReadAsStringAsync()}",
                Pattern.BytesTwice => $"{Text(await content.ReadAsByteArrayAsync())}|{Text(await content.ReadAsByteArrayAsync())}",
                Pattern.StreamTwice => $"{await StreamAsync(content)}|{await StreamAsync(content)}",
                Pattern.CopyTwice => $"{await CopyAsync(content)}|{await CopyAsync(content)}",
                Pattern.StreamThenString => $"{await StreamAsync(content)}|{await content.ReadAsStringAsync()}",
                Pattern.SyncStreamTwice => $"{SyncStream(content)}|{SyncStream(content)}",
                Pattern.BufferThenStreams => await BufferedAsync(content),
                Pattern.StreamUnreadThenStrings => $"{(await content.ReadAsStreamAsync()).CanSeek}|{await content.ReadAsStringAsync()}|{await content.ReadAsStringAsync()}",
                Pattern.SyncCopyTwice => $"{SyncCopy(content)}|{SyncCopy(content)}",
                _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
            };
        }
        catch (Exception ex)
        {
            return ex.GetType().Name;
        }
    }

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static async Task<string> StreamAsync(HttpContent content)
    {
        using var copy = new MemoryStream();
        await (await content.ReadAsStreamAsync()).CopyToAsync(copy);
        return Text(copy.ToArray());
    }

    private static string SyncStream(HttpContent content)
    {
        using var copy = new MemoryStream();
        content.ReadAsStream().CopyTo(copy);
        return Text(copy.ToArray());
    }

    private static async Task<string> CopyAsync(HttpContent content)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return Text(copy.ToArray());
    }

    private static string SyncCopy(HttpContent content)
    {
        using var copy = new MemoryStream();
        content.CopyTo(copy, null, CancellationToken.None);
        return Text(copy.ToArray());
    }

    private static async Task<string> BufferedAsync(HttpContent content)
    {
        await content.LoadIntoBufferAsync();
        return $"{await StreamAsync(content)}|{await StreamAsync(content)}";
    }

    private sealed class StubHandler(Kind kind, int offset) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(new string('x', offset) + Body);
            HttpContent content = kind switch
            {
                Kind.SeekableStream => new StreamContent(new MemoryStream(bytes) { Position = offset }),
                Kind.SeekableStreamWithoutLength => new StreamContent(new UnknownLengthStream(new MemoryStream(bytes) { Position = offset })),
                Kind.ByteArray => new ByteArrayContent(bytes, offset, bytes.Length - offset),
                Kind.ReadOnlyMemory => new ReadOnlyMemoryContent(bytes.AsMemory(offset)),
                _ => new StringContent(Body),
            };
            content.Headers.ContentType = new("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>A seekable stream whose owner reports no length through the content (a wrapper a test double might use).</summary>
    private sealed class UnknownLengthStream(MemoryStream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
