using System.Text;
using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>Which field of a body the reader takes for each role, and what it reports when the body is cut or odd.</summary>
public sealed class ReaderFieldTests
{
    private const int Limit = 64 * 1024;

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("application/json", true)]
    [InlineData(" Application/JSON ; charset=utf-8", true)]
    [InlineData("application/json;charset=utf-8", true)]
    [InlineData("text/json", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("application/vnd.ms+JSON; v=2", true)]
    [InlineData("text/html", false)]
    [InlineData("text/plain; charset=utf-8", false)]
    [InlineData("application/jsonp", false)]
    [InlineData("application/json-seq", false)]
    [InlineData("; application/json", true)]
    public void Json_like_media_types(string? mediaType, bool expected) =>
        Assert.Equal(expected, PartnerCenterPayloadReader.IsJsonLike(mediaType));

    [Theory]
    [InlineData("""{"description": "d", "message": "m", "errorMessageExtended": "e"}""", "d")]
    [InlineData("""{"errorMessageExtended": "e", "message": "m", "description": "d"}""", "d")]
    [InlineData("""{"errorMessageExtended": "e", "message": "m"}""", "m")]
    [InlineData("""{"message": "m", "errorMessageExtended": "e"}""", "m")]
    [InlineData("""{"errorMessageExtended": "e"}""", "e")]
    [InlineData("""{"description": "", "message": "m"}""", "m")]
    [InlineData("""{"description": 42, "message": "m"}""", "m")]
    [InlineData("""{"description": "first", "description": "second"}""", "first")]
    public void The_description_is_the_best_named_non_empty_string(string body, string expected)
    {
        var (read, json) = Read(body);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, read.Outcome);
        Assert.Equal(expected, Text(json, read.Description));
        Assert.False(read.Code.IsPresent);
    }

    [Theory]
    [InlineData("""{"code": 800020}""", "800020", false)]
    [InlineData("""{"errorCode": "800020"}""", "800020", true)]
    [InlineData("""{"CODE": "x1", "code": "x2"}""", "x1", true)]
    [InlineData("""{"code": null, "code": 7}""", "7", false)]
    [InlineData("""{"code": true, "errorCode": 8}""", "8", false)]
    public void The_code_is_the_first_number_or_string(string body, string expected, bool isString)
    {
        var (read, json) = Read(body);
        Assert.Equal(expected, Text(json, read.Code));
        Assert.Equal(isString, read.Code.IsString);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, read.Outcome);
    }

    [Fact]
    public void An_escaped_property_name_is_not_a_known_field()
    {
        var (read, _) = Read("""{"\u0063ode": 800020, "x": 1}""");
        Assert.False(read.Code.IsPresent);
        Assert.Equal(PartnerCenterPayloadOutcome.Unrecognized, read.Outcome);
    }

    [Fact]
    public void Slices_point_into_the_body_after_a_bom()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"code": "abc", "description": "Bad thing"}""")).ToArray();
        var read = PartnerCenterPayloadReader.Read(bytes, Limit);
        Assert.Equal("abc", Encoding.UTF8.GetString(bytes.AsSpan(read.Code.Start, read.Code.Length)));
        Assert.Equal("Bad thing", Encoding.UTF8.GetString(bytes.AsSpan(read.Description.Start, read.Description.Length)));
        Assert.Equal(bytes.Length, read.BytesExamined);
    }

    [Fact]
    public void A_nested_error_object_is_read_only_when_the_top_level_has_no_code()
    {
        var (nested, json) = Read("""{"error": {"code": "Inner", "message": "inner message"}, "x": 1}""");
        Assert.Equal("Inner", Text(json, nested.Code));
        Assert.Equal("inner message", Text(json, nested.Description));

        var (top, json2) = Read("""{"code": "Outer", "error": {"code": "Inner", "description": "inner"}}""");
        Assert.Equal("Outer", Text(json2, top.Code));
        Assert.False(top.Description.IsPresent);

        // A string error is the OAuth 2.0 shape (RFC 6749 §5.2): its error, not a code.
        var (notObject, json3) = Read("""{"error": "Inner"}""");
        Assert.False(notObject.Code.IsPresent);
        Assert.Equal("Inner", Text(json3, notObject.OAuthError));
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, notObject.Outcome);
    }

    [Fact]
    public void Fields_after_a_nested_object_still_count()
    {
        var (read, json) = Read("""{"meta": {"code": "NotThis", "description": "nor this"}, "code": "This", "description": "and this"}""");
        Assert.Equal("This", Text(json, read.Code));
        Assert.Equal("and this", Text(json, read.Description));
    }

    [Theory]
    [InlineData("""{"isRetryable": true}""", true)]
    [InlineData("""{"IsRetryable": false}""", false)]
    [InlineData("""{"isRetryable": "true"}""", null)]
    [InlineData("""{"isRetryable": null}""", null)]
    [InlineData("""{"code": 1, "description": "d", "isRetryable": true}""", true)]
    [InlineData("""{"code": 1, "description": "d", "x": {"isRetryable": true}, "isRetryable": false}""", false)]
    [InlineData("""{"code": 1, "description": "d", "notRetryableHint": 1}""", null)]
    public void IsRetryable_is_read_wherever_it_stands(string body, bool? expected) =>
        Assert.Equal(expected switch { true => ServerRetryable.Yes, false => ServerRetryable.No, null => ServerRetryable.NotStated }, Read(body).Read.Retryable);

    [Fact]
    public void Without_complete_the_reader_stops_after_code_and_description()
    {
        const string body = """{"code": 1, "description": "d", "errorName": "QuotaExceeded", "data": ["LicenseQuotaExceededException: x"]}""";
        var (fast, _) = Read(body);
        Assert.False(fast.ErrorName.IsPresent);
        Assert.False(fast.ExceptionName.IsPresent);

        var (complete, json) = Read(body, complete: true);
        Assert.Equal("QuotaExceeded", Text(json, complete.ErrorName));
        Assert.Equal("LicenseQuotaExceededException", Text(json, complete.ExceptionName));

        // A message alone is not the best description: the reader goes on looking, and finds the rest.
        var (messageOnly, json2) = Read("""{"code": 1, "message": "m", "errorName": "QuotaExceeded"}""");
        Assert.Equal("QuotaExceeded", Text(json2, messageOnly.ErrorName));
    }

    [Fact]
    public void Once_isRetryable_is_mentioned_the_rest_is_read_whole()
    {
        var (read, json) = Read("""{"code": 1, "description": "d", "errorName": "QuotaExceeded", "isRetryable": true}""");
        Assert.Equal(ServerRetryable.Yes, read.Retryable);
        Assert.Equal("QuotaExceeded", Text(json, read.ErrorName));
    }

    [Theory]
    [InlineData("""["LicenseQuotaExceededException : seats"]""", "LicenseQuotaExceededException")]
    [InlineData("""["Microsoft.Store.QuotaException"]""", "Microsoft.Store.QuotaException")]
    [InlineData("""["Some_Thing1Exception"]""", "Some_Thing1Exception")]
    [InlineData("""[1, {"a": ["NotThisException"]}, ["NorThisException"], "ThisException"]""", "ThisException")]
    [InlineData("""["FirstException", "SecondException"]""", "FirstException")]
    [InlineData("""["Exception"]""", null)]
    [InlineData("""["Exceptional"]""", null)]
    [InlineData("""["No exception here"]""", null)]
    [InlineData("""["\u0041Exception"]""", null)]
    [InlineData("""[]""", null)]
    public void An_exception_name_is_the_leading_identifier_of_a_data_string(string data, string? expected)
    {
        var (read, json) = Read("{\"data\": " + data + ", \"code\": 5}", complete: true);
        Assert.Equal(expected, read.ExceptionName.IsPresent ? Text(json, read.ExceptionName) : null);
        Assert.Equal("5", Text(json, read.Code));
    }

    [Fact]
    public void An_exception_name_is_cut_at_128_characters()
    {
        var name = new string('A', 119) + "Exception";
        var (read, json) = Read("{\"data\": [\"" + name + "\"]}", complete: true);
        Assert.Equal(name, Text(json, read.ExceptionName));

        var longer = new string('A', 120) + "Exception";
        var (cut, _) = Read("{\"data\": [\"" + longer + "\"]}", complete: true);
        Assert.False(cut.ExceptionName.IsPresent);
    }

    [Fact]
    public void The_first_error_name_wins()
    {
        var (read, json) = Read("""{"errorName": 3, "errorName": "First", "errorName": "Second"}""", complete: true);
        Assert.Equal("First", Text(json, read.ErrorName));
    }

    [Theory]
    [InlineData("", PartnerCenterPayloadOutcome.Empty)]
    [InlineData(" \t\r\n", PartnerCenterPayloadOutcome.Empty)]
    [InlineData("\uFEFF", PartnerCenterPayloadOutcome.Empty)]
    [InlineData("/* nothing */", PartnerCenterPayloadOutcome.Invalid)]
    [InlineData("{}", PartnerCenterPayloadOutcome.Unrecognized)]
    [InlineData("[1]", PartnerCenterPayloadOutcome.Unrecognized)]
    [InlineData("{\"code\": 1", PartnerCenterPayloadOutcome.Invalid)]
    [InlineData("{\"code\": ", PartnerCenterPayloadOutcome.Invalid)]
    [InlineData("{\"code\": 1, \"description\": \"d\"", PartnerCenterPayloadOutcome.Parsed)]
    [InlineData("{\"code\": 1,, }", PartnerCenterPayloadOutcome.Invalid)]
    public void Outcomes_within_the_limit(string body, PartnerCenterPayloadOutcome expected) =>
        Assert.Equal(expected, Read(body).Read.Outcome);

    [Fact]
    public void A_body_past_the_limit_is_read_to_the_limit_and_reported_truncated()
    {
        var body = Encoding.UTF8.GetBytes("{\"code\": 800020, \"description\": \"" + new string('x', 400) + "\"}");

        var exact = PartnerCenterPayloadReader.Read(body, body.Length);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, exact.Outcome);
        Assert.Equal(body.Length, exact.BytesExamined);

        // Code and description came before the limit: what the body says is known.
        var cut = PartnerCenterPayloadReader.Read(body, body.Length - 1);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, cut.Outcome);
        Assert.Equal(body.Length - 1, cut.BytesExamined);

        // The limit falls inside the description: the code read before it is kept.
        var mid = PartnerCenterPayloadReader.Read(body, 40);
        Assert.Equal(PartnerCenterPayloadOutcome.Truncated, mid.Outcome);
        Assert.Equal(40, mid.BytesExamined);
        Assert.Equal("800020", Encoding.UTF8.GetString(body.AsSpan(mid.Code.Start, mid.Code.Length)));
        Assert.False(mid.Description.IsPresent);

        var early = PartnerCenterPayloadReader.Read(body, 5);
        Assert.Equal(PartnerCenterPayloadOutcome.Truncated, early.Outcome);
        Assert.Equal(5, early.BytesExamined);
        Assert.False(early.Code.IsPresent);

        var spaces = Encoding.UTF8.GetBytes("   " + "{\"code\": 1}");
        Assert.Equal(PartnerCenterPayloadOutcome.Truncated, PartnerCenterPayloadReader.Read(spaces, 2).Outcome);
        Assert.Equal(PartnerCenterPayloadOutcome.Truncated, PartnerCenterPayloadReader.Read(body, 0).Outcome);

        var codeFirst = Encoding.UTF8.GetBytes("{\"x\": 1, \"code\": 800020}");
        Assert.Equal(PartnerCenterPayloadOutcome.Truncated, PartnerCenterPayloadReader.Read(codeFirst, 9).Outcome);
    }

    [Theory]
    [InlineData("{\"code\": 800020, ", PartnerCenterPayloadOutcome.Invalid)]
    [InlineData("{\"x\": 1}", PartnerCenterPayloadOutcome.Unrecognized)]
    public void A_body_of_exactly_the_limit_is_whole_so_its_outcome_is_never_truncated(string text, PartnerCenterPayloadOutcome outcome)
    {
        var body = Encoding.UTF8.GetBytes(text);
        Assert.Equal(outcome, PartnerCenterPayloadReader.Read(body, body.Length).Outcome);

        // One byte less, and the same body is reported cut.
        Assert.Equal(PartnerCenterPayloadOutcome.Truncated, PartnerCenterPayloadReader.Read(body, body.Length - 1).Outcome);
    }

    [Theory]
    [InlineData("""{"code": "800002"} trailing""", "800002", null)]
    [InlineData("""{"message": "m"} {"code": 1}""", null, "m")]
    [InlineData("""{"error": {"code": "Inner"}} ]""", "Inner", null)]
    public void The_read_ends_with_the_error_object_whatever_follows_it(string body, string? code, string? description)
    {
        // What follows the object is never looked at, so it cannot make a readable body invalid.
        var (read, json) = Read(body);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, read.Outcome);
        Assert.Equal(code, read.Code.IsPresent ? Text(json, read.Code) : null);
        Assert.Equal(description, read.Description.IsPresent ? Text(json, read.Description) : null);

        // The same body without the trailer, for comparison: the same outcome.
        var end = body.LastIndexOf('}') + 1;
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, Read(body[..end]).Read.Outcome);
    }

    [Fact]
    public void A_nested_error_object_that_stops_early_still_flags_an_error_name_after_it()
    {
        // The nested read stops after code and description; the errorName after the nested object is for the complete read.
        const string body = """{"error": {"code": 765432, "description": "Request failed."}, "errorName": "SeatQuotaExceeded"}""";
        var (fast, _) = Read(body);
        Assert.True(fast.RestMayHoldMore);
        Assert.False(fast.ErrorName.IsPresent);

        var (complete, json) = Read(body, complete: true);
        Assert.Equal("SeatQuotaExceeded", Text(json, complete.ErrorName));

        // So the classifier reads it, and the name decides as it does for the flat body.
        var result = PartnerCenterErrorClassifier.Default.Classify(400, Encoding.UTF8.GetBytes(body), "application/json");
        Assert.Equal(PartnerCenterErrorCategory.Quota, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.StatusKeyword, result.Source);
    }

    private static (PayloadReadResult Read, byte[] Json) Read(string body, bool complete = false)
    {
        var json = Encoding.UTF8.GetBytes(body);
        return (PartnerCenterPayloadReader.Read(json, Limit, complete), json);
    }

    private static string Text(byte[] json, TokenSlice slice) => Encoding.UTF8.GetString(json, slice.Start, slice.Length);
}
