using System.Text;
using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>Each path of the classifier's order of precedence, through both entry points (body bytes and parsed fields).</summary>
public sealed class ClassifierPathTests
{
    private const string Json = "application/json";
    private static readonly PartnerCenterErrorClassifier Classifier = PartnerCenterErrorClassifier.Default;

    [Theory]
    [InlineData(399, false)]
    [InlineData(400, true)]
    public void Only_statuses_from_400_are_errors(int status, bool isError)
    {
        var body = Encoding.UTF8.GetBytes("""{"code": 800020, "description": "x"}""");
        foreach (var result in new[] { Classifier.Classify(status, body, Json), Classifier.Classify(status, "800020", "x"), PartnerCenterErrorClassifier.ClassifyStatus(status) })
        {
            Assert.Equal(isError, result.IsError);
            Assert.Equal(isError, result.Source != PartnerCenterClassificationSource.NotAnError);
            Assert.Equal(isError ? null : (string?)null, isError ? null : result.Code);
        }

        Assert.Equal(isError ? "800020" : null, Classifier.Classify(status, body, Json).Code);
        Assert.Equal(isError ? "800020" : null, Classifier.Classify(status, "800020", "x").Code);
    }

    [Fact]
    public void A_body_without_code_or_description_keeps_what_the_server_said_about_retrying()
    {
        var result = Classifier.Classify(400, """{"isRetryable": true}"""u8, Json);
        Assert.Equal(PartnerCenterPayloadOutcome.Unrecognized, result.Payload);
        Assert.Equal(PartnerCenterClassificationSource.Status, result.Source);
        Assert.True(result.ServerStatedRetryable);
        Assert.True(result.IsRetryable);

        var unknown = Classifier.Classify(418, "{}"u8, Json);
        Assert.Equal(PartnerCenterClassificationSource.None, unknown.Source);
        Assert.Equal(PartnerCenterErrorCategory.Unknown, unknown.Category);
    }

    [Fact]
    public void A_body_that_is_not_json_is_classified_by_status_and_never_read()
    {
        var result = Classifier.Classify(503, """{"code": 800020}"""u8, "text/html");
        Assert.Equal(PartnerCenterPayloadOutcome.NotJson, result.Payload);
        Assert.Null(result.Code);
        Assert.Equal(PartnerCenterErrorCategory.Transient, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.Status, result.Source);
    }

    [Theory]
    [InlineData(401, PartnerCenterErrorCategory.Auth)]
    [InlineData(409, PartnerCenterErrorCategory.Conflict)]
    [InlineData(429, PartnerCenterErrorCategory.Quota)]
    public void Statuses_401_409_and_429_keep_their_category_whatever_the_code(int status, PartnerCenterErrorCategory category)
    {
        // 800020 is an eligibility code; under these statuses the status decides.
        Assert.Equal(category, Classifier.Classify(status, """{"code": 800020}"""u8, Json).Category);
        Assert.Equal(category, Classifier.Classify(status, "800020", null).Category);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, Classifier.Classify(403, "800020", null).Category);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, Classifier.Classify(400, "800020", null).Category);
    }

    [Fact]
    public void Catalogued_codes_take_the_catalogue_template_and_source()
    {
        var exact = Classifier.Classify(403, """{"code": 800020, "description": "Customer jane@contoso.com is not eligible"}"""u8, Json);
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, exact.Source);
        Assert.Equal("The catalog item isn't eligible for purchase.", exact.Description);
        Assert.NotNull(exact.Definition);

        var byCode = Classifier.Classify(400, """{"code": 800020}"""u8, Json);
        Assert.Equal(PartnerCenterClassificationSource.CatalogCode, byCode.Source);
        Assert.Equal(exact.Definition!.Code, byCode.Code);

        var fromText = Classifier.Classify(403, "800020", "whatever");
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, fromText.Source);
        Assert.Equal(PartnerCenterClassificationSource.CatalogCode, Classifier.Classify(400, "800020", null).Source);
    }

    [Fact]
    public void A_row_with_variants_is_resolved_by_the_description_on_both_paths()
    {
        var row = PartnerCenterErrorCatalog.Definitions.FirstOrDefault(d => d.Variants.Length > 0 && d.StatusCode >= 400 && d.Code is not null && d.Code.All(char.IsAsciiDigit));
        Assert.NotNull(row);
        var variant = row!.Variants[0];
        var description = System.Text.RegularExpressions.Regex.Replace(variant.Template, @"\{\d+\}", "X");

        var fromBody = Classifier.Classify(row.StatusCode, Encoding.UTF8.GetBytes($$"""{"code": {{row.Code}}, "description": {{System.Text.Json.JsonSerializer.Serialize(description)}}}"""), Json);
        Assert.Same(variant, fromBody.Definition);
        Assert.Equal(variant.Template, fromBody.Description);

        var fromText = Classifier.Classify(row.StatusCode, row.Code, description);
        Assert.Same(variant, fromText.Definition);

        Assert.Same(row, Classifier.Classify(row.StatusCode, Encoding.UTF8.GetBytes($$"""{"code": {{row.Code}}}"""), Json).Definition);
        Assert.Same(row, Classifier.Classify(row.StatusCode, row.Code, null).Definition);
    }

    [Fact]
    public void An_override_wins_and_keeps_the_catalogue_template_when_there_is_one()
    {
        var options = new PartnerCenterClassificationOptions();
        options.CategoryOverrides["800020"] = PartnerCenterErrorCategory.Quota;
        options.CategoryOverrides["MyCode"] = PartnerCenterErrorCategory.Transient;
        var classifier = new PartnerCenterErrorClassifier(options);
        Assert.Same(options, classifier.Options);

        var catalogued = classifier.Classify(403, """{"code": 800020, "description": "Customer 12345678 x"}"""u8, Json);
        Assert.Equal(PartnerCenterErrorCategory.Quota, catalogued.Category);
        Assert.Equal(PartnerCenterClassificationSource.Override, catalogued.Source);
        Assert.Equal("The catalog item isn't eligible for purchase.", catalogued.Description);
        Assert.Equal("800020", catalogued.Code);

        var elsewhere = classifier.Classify(400, "800020", null);
        Assert.Equal(PartnerCenterClassificationSource.Override, elsewhere.Source);
        Assert.NotNull(elsewhere.Definition);

        var own = classifier.Classify(400, """{"code": "mycode", "description": "Customer 12345678 failed"}"""u8, Json);
        Assert.Equal(PartnerCenterErrorCategory.Transient, own.Category);
        Assert.Equal("mycode", own.Code);
        Assert.Equal("Customer {number} failed", own.Description);
        Assert.Null(own.Definition);

        var other = classifier.Classify(403, """{"code": 800021}"""u8, Json);
        Assert.NotEqual(PartnerCenterClassificationSource.Override, other.Source);
    }

    [Fact]
    public void Default_options_come_from_every_constructor()
    {
        Assert.Equal(PartnerCenterClassificationOptions.DefaultMaxBodyBytes, new PartnerCenterErrorClassifier().Options.MaxBodyBytes);
        Assert.Equal(PartnerCenterClassificationOptions.DefaultMaxBodyBytes, new PartnerCenterErrorClassifier((PartnerCenterClassificationOptions?)null).Options.MaxBodyBytes);
        Assert.Empty(PartnerCenterErrorClassifier.Default.Options.CategoryOverrides);
    }

    [Fact]
    public void Codes_are_cut_to_64_characters()
    {
        var code = "Code" + new string('x', 100);
        Assert.Equal(code[..64], Classifier.Classify(400, code, null).Code);
        Assert.Equal(code[..64], Classifier.Classify(400, Encoding.UTF8.GetBytes("{\"code\": \"" + code + "\"}"), Json).Code);
        Assert.Equal(code[..64], Classifier.Classify(400, code[..64], null).Code);
        Assert.Equal("ABC", Classifier.Classify(400, """{"code": "  ABC  "}"""u8, Json).Code);
    }

    [Theory]
    [InlineData("""{"code": "0800020"}""", "800020")]
    [InlineData("""{"code": 8000200000}""", "8000200000")]
    [InlineData("""{"code": "80002a"}""", "80002a")]
    [InlineData("""{"code": "\u0038\u0030\u0030\u0030\u0032\u0030"}""", "800020")]
    public void Codes_that_are_not_plain_catalogued_numbers_go_the_long_way(string body, string code)
    {
        var result = Classifier.Classify(403, Encoding.UTF8.GetBytes(body), Json);
        Assert.Equal(code, result.Code);
        Assert.Equal(code == "800020" ? PartnerCenterClassificationSource.CatalogStatusAndCode : PartnerCenterClassificationSource.Status, result.Source);
    }

    [Fact]
    public void Uncataloged_codes_fall_back_on_error_names_and_exception_names()
    {
        var byName = Classifier.Classify(400, """{"code": 765432, "description": "Request failed.", "errorName": "SeatQuotaExceeded"}"""u8, Json);
        Assert.Equal(PartnerCenterErrorCategory.Quota, byName.Category);
        Assert.Equal(PartnerCenterClassificationSource.StatusKeyword, byName.Source);
        Assert.Equal("Request failed.", byName.Description);

        var byException = Classifier.Classify(400, """{"code": 765432, "description": "Request failed.", "data": ["Store.RelationshipMissingException: no"]}"""u8, Json);
        Assert.Equal(PartnerCenterErrorCategory.Auth, byException.Category);

        // Without them the words say too little to name an owner: unknown, not the status's guess.
        var plain = Classifier.Classify(400, """{"code": 765432, "description": "Request failed."}"""u8, Json);
        Assert.Equal(PartnerCenterClassificationSource.None, plain.Source);
        Assert.Equal(PartnerCenterErrorCategory.Unknown, plain.Category);
    }

    [Fact]
    public void The_server_isRetryable_after_an_uncataloged_code_is_read()
    {
        var result = Classifier.Classify(503, """{"code": 765432, "description": "x", "errorName": "Busy", "isRetryable": false}"""u8, Json);
        Assert.False(result.ServerStatedRetryable);
        Assert.False(result.IsRetryable);

        var notStated = Classifier.Classify(503, """{"code": 765432, "description": "x", "errorName": "Busy"}"""u8, Json);
        Assert.Null(notStated.ServerStatedRetryable);
        Assert.True(notStated.IsRetryable);

        var before = Classifier.Classify(503, """{"isRetryable": false, "code": 765432, "description": "x"}"""u8, Json);
        Assert.False(before.ServerStatedRetryable);
    }

    [Fact]
    public void The_raw_description_is_decoded_and_only_kept_when_asked()
    {
        var body = """{"code": 765432, "description": "Caf\u00e9 \"q\" 12345678"}"""u8;
        Assert.Equal("Café \"q\" 12345678", Classifier.Classify(400, body, Json, PartnerCenterRawDescription.Include).RawDescription);
        Assert.Null(Classifier.Classify(400, body, Json).RawDescription);
        Assert.Equal("{redacted} \"{redacted}\" {number}", Classifier.Classify(400, body, Json).Description);

        var catalogued = """{"code": 800020, "description": "Caf\u00e9"}"""u8;
        Assert.Equal("Café", Classifier.Classify(403, catalogued, Json, PartnerCenterRawDescription.Include).RawDescription);
        Assert.Null(Classifier.Classify(403, catalogued, Json).RawDescription);
        Assert.Null(Classifier.Classify(403, """{"code": 800020}"""u8, Json, PartnerCenterRawDescription.Include).RawDescription);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    public void A_blank_description_is_no_description(string description)
    {
        Assert.Null(Classifier.Classify(400, "765432", description).Description);
        Assert.Null(Classifier.Classify(400, Encoding.UTF8.GetBytes("{\"code\": 765432, \"description\": \"" + description + "\"}"), Json).Description);
    }

    [Fact]
    public void Parsed_fields_say_whether_anything_was_read()
    {
        Assert.Equal(PartnerCenterPayloadOutcome.NotRead, Classifier.Classify(400, null, null).Payload);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, Classifier.Classify(400, "765432", null).Payload);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, Classifier.Classify(400, null, "x").Payload);
        Assert.Null(Classifier.Classify(400, "", "x").Code);
    }

    [Fact]
    public void A_transient_wording_from_another_status_does_not_make_a_request_retryable()
    {
        var transient = PartnerCenterErrorCatalog.Definitions.First(d => d.Category == PartnerCenterErrorCategory.Transient && d.StatusCode == 500 && !d.Template.Contains('{'));
        Assert.Equal(PartnerCenterClassificationSource.DescriptionTemplate, Classifier.Classify(500, null, transient.Template).Source);
        Assert.Equal(PartnerCenterClassificationSource.DescriptionTemplate, Classifier.Classify(503, null, transient.Template).Source);
        var at400 = Classifier.Classify(400, null, transient.Template);
        Assert.NotEqual(PartnerCenterClassificationSource.DescriptionTemplate, at400.Source);
        Assert.False(at400.IsRetryable);
    }

    [Theory]
    [InlineData("LicenseQuotaExceeded", null, " License Quota Exceeded")]
    [InlineData(null, "Microsoft.Store.RelationshipMissingException", " Relationship Missing Exception")]
    [InlineData("ABCError", "x_y-z", " ABC Error x y z")]
    [InlineData("", "", null)]
    [InlineData(null, null, null)]
    [InlineData("lower", null, " lower")]
    [InlineData("A", null, " A")]
    [InlineData("HTTPServer", null, " HTTP Server")]
    public void Error_and_exception_names_become_words(string? errorName, string? exceptionName, string? expected) =>
        Assert.Equal(expected, FallbackHints.Describe(errorName, exceptionName));

    [Fact]
    public void Names_are_read_to_128_characters()
    {
        var name = new string('a', 128) + "Quota";
        Assert.Equal(" " + new string('a', 128), FallbackHints.Describe(name, null));
    }
}
