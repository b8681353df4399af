using System.Net;
using System.Text;
using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// An in-memory error body (a stub's or a buffering handler's <see cref="ByteArrayContent"/>) is classified in place:
/// no copy of the body, no rented buffer, no Content-Length computed into the headers, and the content left as it was.
/// </summary>
public sealed class InMemoryErrorBodyTests
{
    private const string Eligibility = """{"code":800020,"description":"The catalog item isn't eligible for purchase."}""";

    [Fact]
    public void Classifying_an_in_memory_catalogued_error_copies_nothing()
    {
        using var warmUp = Forbidden(new ByteArrayContent(Encoding.UTF8.GetBytes(Eligibility)));
        using var measured = Forbidden(new ByteArrayContent(Encoding.UTF8.GetBytes(Eligibility)));
        _ = Classify(warmUp);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var classification = Classify(measured);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("800020", classification.Code);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, classification.Category);
        // One small sink object the content writes into; a copy of the body alone would take more than its length.
        Assert.True(allocated < Eligibility.Length, $"allocated {allocated} B");
    }

    [Fact]
    public async Task A_content_that_writes_itself_in_pieces_is_classified_from_a_copy_and_left_whole()
    {
        using var response = Forbidden(new PiecewiseContent(Encoding.UTF8.GetBytes(Eligibility)));

        var classification = Classify(response);

        Assert.Equal("800020", classification.Code);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, classification.Payload);
        Assert.Equal(Eligibility, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void An_empty_in_memory_body_is_classified_by_its_status()
    {
        using var response = Forbidden(new ByteArrayContent([]));

        var classification = Classify(response);

        Assert.Equal(PartnerCenterPayloadOutcome.Empty, classification.Payload);
        Assert.Equal(403, classification.StatusCode);
        Assert.Null(classification.Code);
    }

    private static PartnerCenterErrorClassification Classify(HttpResponseMessage response)
    {
        // An in-memory body completes synchronously: the measured section holds no await (checked below).
#pragma warning disable CA2012 // The ValueTask is checked for completion before its result is read, and read once.
        var classifying = ErrorBodyCapture.ReadAndClassifyAsync(response, PartnerCenterErrorClassifier.Default, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);
        if (!classifying.IsCompletedSuccessfully)
        {
            Assert.Fail("An in-memory body took an async step.");
        }

        return classifying.Result;
#pragma warning restore CA2012
    }

    private static HttpResponseMessage Forbidden(HttpContent content)
    {
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = content };
    }

    /// <summary>An in-memory content that writes its bytes one at a time, as a subclass might.</summary>
    private sealed class PiecewiseContent : ByteArrayContent
    {
        private readonly byte[] _bytes;

        public PiecewiseContent(byte[] bytes)
            : base(bytes) => _bytes = bytes;

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            foreach (var b in _bytes)
            {
                stream.Write([b]);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            foreach (var b in _bytes)
            {
                await stream.WriteAsync(new[] { b }, cancellationToken);
            }
        }
    }
}
