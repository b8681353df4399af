using System.Text;
using System.Text.Json;
using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>Where the fast read (code and description only) stops, and what it still reads after <c>isRetryable</c>.</summary>
public sealed class ReaderEarlyStopTests
{
    private const int Limit = 64 * 1024;

    [Fact]
    public void Once_isRetryable_is_mentioned_fields_after_it_are_read_too()
    {
        var (read, json) = Read("""{"code": 1, "description": "d", "isRetryable": true, "errorName": "QuotaExceeded", "data": ["SeatLimitException"]}""");
        Assert.Equal(ServerRetryable.Yes, read.Retryable);
        Assert.Equal("QuotaExceeded", Text(json, read.ErrorName));
        Assert.Equal("SeatLimitException", Text(json, read.ExceptionName));
    }

    [Fact]
    public void Without_isRetryable_ahead_the_fast_read_stops_at_the_description()
    {
        var (read, _) = Read("""{"code": 1, "description": "d", "errorName": "QuotaExceeded", "x": {"retry": true}}""");
        Assert.Equal(ServerRetryable.NotStated, read.Retryable);
        Assert.False(read.ErrorName.IsPresent);

        // Any mention ahead, even nested, keeps the read going.
        var (nested, json) = Read("""{"code": 1, "description": "d", "errorName": "QuotaExceeded", "x": {"isRetryable": true}}""");
        Assert.Equal(ServerRetryable.NotStated, nested.Retryable);
        Assert.Equal("QuotaExceeded", Text(json, nested.ErrorName));
    }

    [Fact]
    public void A_body_with_no_token_is_invalid_never_empty()
    {
        // The reader is given the whole body: a body of comments alone has no value, which the JSON reader reports.
        foreach (var body in new[] { "/* nothing */", "// nothing", "/**/ /**/" })
        {
            Assert.Equal(PartnerCenterPayloadOutcome.Invalid, PartnerCenterPayloadReader.Read(Encoding.UTF8.GetBytes(body), Limit).Outcome);
            Assert.ThrowsAny<JsonException>(() =>
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
                reader.Read();
            });
        }
    }

    private static (PayloadReadResult Read, byte[] Json) Read(string body)
    {
        var json = Encoding.UTF8.GetBytes(body);
        return (PartnerCenterPayloadReader.Read(json, Limit), json);
    }

    private static string Text(byte[] json, TokenSlice slice) => Encoding.UTF8.GetString(json, slice.Start, slice.Length);
}
