using System.Text;
using System.Text.Json;
using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>
/// A description that is itself a JSON object (an address-validation 400 sends its result so): the inner object's code
/// and message are read, and its keys are never read as words. Before, the keys ("country", "agreement", "suspended")
/// were fallback phrases and such a 400 came out eligibility.
/// </summary>
public sealed class EmbeddedJsonDescriptionTests
{
    private const string Json = "application/json";

    private static byte[] Outer(object? code, string innerJson)
    {
        var body = new Dictionary<string, object?> { ["description"] = innerJson, ["data"] = Array.Empty<string>(), ["source"] = "PartnerFD" };
        if (code is not null)
        {
            body["code"] = code;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    [Fact]
    public void An_inner_object_without_a_message_says_nothing_and_its_keys_are_not_words()
    {
        // Keys and values that are fallback phrases of eligibility and auth; no code, description or message inside.
        const string inner = """{"status":"NotValidated","originalAddress":{"country":"US","region":"WA","city":"Redmond"},"suggestedAddresses":[],"eligibilityWindow":"agreement","tokenState":"suspended"}""";
        var result = PartnerCenterErrorClassifier.Default.Classify(400, Outer(987701, inner), Json);

        Assert.Equal(PartnerCenterErrorCategory.Validation, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.Status, result.Source);
        Assert.Null(result.Description);
    }

    [Fact]
    public void The_inner_message_is_the_description()
    {
        const string inner = """{"code":"AddressInvalid","message":"Another request for this address is in progress.","country":"US","agreement":"suspended"}""";
        var result = PartnerCenterErrorClassifier.Default.Classify(400, Outer(987702, inner), Json, PartnerCenterRawDescription.Include);

        Assert.Equal(PartnerCenterErrorCategory.Conflict, result.Category);
        Assert.Equal("Another request for this address is in progress.", result.Description);
        Assert.Equal(inner, result.RawDescription);
    }

    [Fact]
    public void The_inner_code_stands_in_for_an_absent_outer_code()
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(400, Outer(null, """{"code":800004,"description":"Invalid offer ID"}"""), Json);

        Assert.Equal("800004", result.Code);
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, result.Source);
        Assert.Equal(PartnerCenterErrorCategory.Validation, result.Category);
    }

    [Fact]
    public void The_same_through_the_string_overload()
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(403, "987703", """{ "error": { "code": "x", "message": "The reseller is not eligible to place this order." }, "country": "US" }""");

        Assert.Equal(PartnerCenterErrorCategory.Eligibility, result.Category);
        Assert.Equal("987703", result.Code);
    }

    [Theory]
    [InlineData("{0} is not a valid value")]
    [InlineData("{not json at all}")]
    [InlineData("{")]
    public void Text_that_only_looks_like_an_object_is_read_as_text(string description)
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(400, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { code = 987704, description })), Json);

        Assert.NotEqual(PartnerCenterClassificationSource.NotAnError, result.Source);
        Assert.False(result.IsRetryable);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("  { }  ")]
    public void An_empty_object_is_an_object_that_says_nothing(string description)
    {
        Assert.True(EmbeddedErrorObject.IsJsonObject(description));
        var result = PartnerCenterErrorClassifier.Default.Classify(400, "987705", description);

        Assert.Null(result.Description);
        Assert.Equal(PartnerCenterErrorCategory.Validation, result.Category);
    }

    [Fact]
    public void A_brace_wrapped_text_that_is_not_json_is_its_own_description()
    {
        Assert.False(EmbeddedErrorObject.TryRead("{not json at all}", 64 * 1024, out var code, out var message));
        Assert.Null(code);
        Assert.Null(message);

        var result = PartnerCenterErrorClassifier.Default.Classify(400, "987706", "{not json at all}");
        Assert.NotNull(result.Description);
        Assert.EndsWith("at all}", result.Description, StringComparison.Ordinal);
    }
}
