using System.Text;

namespace PartnerCenter.Observability.Tests.Payload;

public sealed class PayloadShapeTests
{
    private const string Json = "application/json";

    public static TheoryData<string, int, string?, string?, PartnerCenterErrorCategory, PartnerCenterPayloadOutcome> Shapes => new()
    {
        // name, status, body, expected code, category, outcome
        { "canonical", 403, """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""", "800020", PartnerCenterErrorCategory.Eligibility, PartnerCenterPayloadOutcome.Parsed },
        { "code as string", 403, """{"code": "800020", "description": "x"}""", "800020", PartnerCenterErrorCategory.Eligibility, PartnerCenterPayloadOutcome.Parsed },
        { "code last", 403, """{"description": "x", "source": "PartnerFD", "data": [1,2], "code": 800067}""", "800067", PartnerCenterErrorCategory.Quota, PartnerCenterPayloadOutcome.Parsed },
        { "nested error object", 400, """{"error": {"code": "800002", "message": "Invalid request input"}}""", "800002", PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Parsed },
        { "nested with text code", 401, """{"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired."}}""", "InvalidAuthenticationToken", PartnerCenterErrorCategory.Auth, PartnerCenterPayloadOutcome.Parsed },
        { "BOM", 404, "\uFEFF{\"code\": 20003, \"description\": \"Subscription with ID 1 not found.\"}", "20003", PartnerCenterErrorCategory.NotFound, PartnerCenterPayloadOutcome.Parsed },
        { "unknown fields and objects first", 409, """{"meta": {"a": {"b": [1, {"c": null}]}}, "x": true, "code": 800064, "description": "Cart 1 is being processed by another request"}""", "800064", PartnerCenterErrorCategory.Conflict, PartnerCenterPayloadOutcome.Parsed },
        { "data as object", 400, """{"code": 800009, "description": "Error in Cart item(s)", "data": {"items": [{"id": 1}]}}""", "800009", PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Parsed },
        { "data as string", 400, """{"data": "weird", "code": 800009, "description": "Error in Cart item(s)"}""", "800009", PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Parsed },
        { "data as null", 400, """{"data": null, "code": 800009}""", "800009", PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Parsed },
        { "truncated after code", 403, """{"code": 800020, "description": "The catal""", "800020", PartnerCenterErrorCategory.Eligibility, PartnerCenterPayloadOutcome.Invalid },
        { "truncated before code", 403, """{"description": "x", "da""", null, PartnerCenterErrorCategory.Auth, PartnerCenterPayloadOutcome.Invalid },
        { "invalid JSON", 500, """{code: 800003,}""", null, PartnerCenterErrorCategory.Transient, PartnerCenterPayloadOutcome.Invalid },
        { "empty body", 503, "", null, PartnerCenterErrorCategory.Transient, PartnerCenterPayloadOutcome.Empty },
        { "whitespace body", 429, "  \r\n ", null, PartnerCenterErrorCategory.Quota, PartnerCenterPayloadOutcome.Empty },
        { "top-level array", 400, """[{"code": 800002}]""", null, PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Unrecognized },
        { "top-level string", 502, "\"Bad gateway\"", null, PartnerCenterErrorCategory.Transient, PartnerCenterPayloadOutcome.Unrecognized },
        { "top-level number", 500, "42", null, PartnerCenterErrorCategory.Transient, PartnerCenterPayloadOutcome.Unrecognized },
        { "top-level null", 404, "null", null, PartnerCenterErrorCategory.NotFound, PartnerCenterPayloadOutcome.Unrecognized },
        { "empty object", 409, "{}", null, PartnerCenterErrorCategory.Conflict, PartnerCenterPayloadOutcome.Unrecognized },
        { "code as object", 400, """{"code": {"value": 800002}, "description": "Invalid request input"}""", "800002", PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Parsed },
        { "code as negative number", 400, """{"code": -1, "description": "nope"}""", "-1", PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Parsed },
        { "code as float", 400, """{"code": 8.5e3}""", "8.5e3", PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Parsed },
        { "escaped description", 400, """{"description": "Etag is no longer valid\u002E"}""", null, PartnerCenterErrorCategory.Conflict, PartnerCenterPayloadOutcome.Parsed },
        { "escaped code", 403, """{"code": "\u0038\u0030\u0030\u0030\u0032\u0030"}""", "800020", PartnerCenterErrorCategory.Eligibility, PartnerCenterPayloadOutcome.Parsed },
        { "capitalised names", 403, """{"Code": 800020, "Description": "x"}""", "800020", PartnerCenterErrorCategory.Eligibility, PartnerCenterPayloadOutcome.Parsed },
        { "comments and trailing comma", 404, "{/* c */ \"code\": 20000, }", "20000", PartnerCenterErrorCategory.NotFound, PartnerCenterPayloadOutcome.Parsed },
        { "unknown code 403 keyword", 403, """{"code": 123456, "description": "Customer is not eligible for this offer"}""", "123456", PartnerCenterErrorCategory.Eligibility, PartnerCenterPayloadOutcome.Parsed },
        { "unknown code 403 privilege", 403, """{"code": 123457, "description": "Insufficient privileges for user"}""", "123457", PartnerCenterErrorCategory.Auth, PartnerCenterPayloadOutcome.Parsed },
        { "unknown code 400 limit", 400, """{"code": 123458, "description": "You have exceeded the limit"}""", "123458", PartnerCenterErrorCategory.Quota, PartnerCenterPayloadOutcome.Parsed },
        { "catalogued code under another status", 400, """{"code": 800020}""", "800020", PartnerCenterErrorCategory.Eligibility, PartnerCenterPayloadOutcome.Parsed },
        { "catalogued code under 409", 409, """{"code": 800003, "description": "Unexpected service error"}""", "800003", PartnerCenterErrorCategory.Conflict, PartnerCenterPayloadOutcome.Parsed },
        { "codeless template", 400, """{"description": "Updates on subscriptions for offer ABC aren't allowed", "source": "x"}""", null, PartnerCenterErrorCategory.Eligibility, PartnerCenterPayloadOutcome.Parsed },
        { "deep nesting", 400, new string('[', 5000) + new string(']', 5000), null, PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Unrecognized },
        { "deep nesting in object", 400, "{\"x\":" + new string('[', 5000) + "}", null, PartnerCenterErrorCategory.Validation, PartnerCenterPayloadOutcome.Invalid },
        { "non-ASCII description", 403, "{\"code\": 777777, \"description\": \"\u00ff\u00fe bad\"}", "777777", PartnerCenterErrorCategory.Auth, PartnerCenterPayloadOutcome.Parsed },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_gets_its_documented_outcome(string name, int status, string? body, string? code, PartnerCenterErrorCategory category, PartnerCenterPayloadOutcome outcome)
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(status, Encoding.UTF8.GetBytes(body ?? string.Empty), Json);

        Assert.True(code == result.Code, $"{name}: code {result.Code}");
        Assert.True(category == result.Category, $"{name}: category {result.Category}");
        Assert.True(outcome == result.Payload, $"{name}: payload {result.Payload}");
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Theory]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public void Non_json_bodies_are_classified_by_status_alone(string contentType)
    {
        var body = """{"code": 800020, "description": "would be eligibility if read"}"""u8;
        var result = PartnerCenterErrorClassifier.Default.Classify(403, body, contentType);

        Assert.Equal(PartnerCenterErrorCategory.Auth, result.Category);
        Assert.Equal(PartnerCenterPayloadOutcome.NotJson, result.Payload);
        Assert.Null(result.Code);
        Assert.Contains("not JSON", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/problem+json")]
    [InlineData("text/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData(null)]
    [InlineData("")]
    public void Json_like_and_missing_content_types_are_read(string? contentType)
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(403, """{"code": 800020}"""u8, contentType);
        Assert.Equal("800020", result.Code);
    }

    [Fact]
    public void A_huge_html_gateway_page_is_not_read_and_a_huge_json_body_is_read_only_to_the_limit()
    {
        var html = Encoding.UTF8.GetBytes("<html>" + new string('x', 1024 * 1024) + "</html>");
        Assert.Equal(PartnerCenterPayloadOutcome.NotJson, PartnerCenterErrorClassifier.Default.Classify(502, html, "text/html").Payload);

        var padding = new string(' ', 200 * 1024);
        var json = Encoding.UTF8.GetBytes("{\"data\": \"" + padding + "\", \"code\": 800020}");
        var result = PartnerCenterErrorClassifier.Default.Classify(403, json, Json);
        Assert.Equal(PartnerCenterPayloadOutcome.Truncated, result.Payload);
        Assert.Null(result.Code);
        Assert.Equal(PartnerCenterErrorCategory.Auth, result.Category);

        var read = Observability.Payload.PartnerCenterPayloadReader.Read(json, 64 * 1024);
        Assert.Equal(64 * 1024, read.BytesExamined);
    }

    [Fact]
    public void Raw_description_is_only_kept_when_asked_for()
    {
        var body = """{"code": 800020, "description": "Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 isn't eligible"}"""u8;
        var plain = PartnerCenterErrorClassifier.Default.Classify(403, body, Json);
        var raw = PartnerCenterErrorClassifier.Default.Classify(403, body, Json, PartnerCenterRawDescription.Include);

        Assert.Null(plain.RawDescription);
        Assert.Equal("Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 isn't eligible", raw.RawDescription);
        Assert.Equal("The catalog item isn't eligible for purchase.", raw.Description);
    }
}
