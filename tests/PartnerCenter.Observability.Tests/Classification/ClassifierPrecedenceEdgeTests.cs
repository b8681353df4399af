using System.Text;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// Edges of the order of precedence that the path tests leave open: overrides without a code, what an override keeps
/// from the catalogue, whose code a template match reports, and which bodies the fallback rules may read.
/// </summary>
public sealed class ClassifierPrecedenceEdgeTests
{
    private const string Json = "application/json";

    [Fact]
    public void Overrides_do_not_stop_a_body_without_a_code_from_being_classified()
    {
        var classifier = WithOverride("800020", PartnerCenterErrorCategory.Quota);

        var fromBody = classifier.Classify(400, """{"description": "Tenant not found"}"""u8, Json);
        var fromFields = classifier.Classify(400, null, "Tenant not found");

        foreach (var result in new[] { fromBody, fromFields })
        {
            Assert.Equal("60003", result.Code);
            Assert.Equal(PartnerCenterErrorCategory.NotFound, result.Category);
            Assert.Equal(PartnerCenterClassificationSource.DescriptionTemplate, result.Source);
        }
    }

    [Theory]
    [InlineData(400, "3000")]
    [InlineData(404, "3000")]
    [InlineData(400, "03000")]
    [InlineData(404, "03000")]
    public void An_override_changes_the_category_and_nothing_else(int status, string code)
    {
        // 3000 is "Invalid property" at 400 and "Partner Organization ... could not be found" at 404; "03000" is the same code.
        var plain = PartnerCenterErrorClassifier.Default.Classify(status, code, null);
        var overridden = WithOverride(code, PartnerCenterErrorCategory.Quota).Classify(status, code, null);

        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, plain.Source);
        Assert.Equal(PartnerCenterClassificationSource.Override, overridden.Source);
        Assert.Equal(PartnerCenterErrorCategory.Quota, overridden.Category);
        Assert.Equal("3000", overridden.Code);
        Assert.Equal(plain.Code, overridden.Code);
        Assert.Equal(plain.Description, overridden.Description);
        Assert.Same(plain.Definition, overridden.Definition);
    }

    [Fact]
    public void A_description_template_match_reports_the_body_code_not_the_row_code()
    {
        // "Tenant not found" is the template of row 404 60003; the body's own code is not catalogued.
        var result = PartnerCenterErrorClassifier.Default.Classify(404, """{"code": "777777", "description": "Tenant not found"}"""u8, Json);
        Assert.Equal(PartnerCenterClassificationSource.DescriptionTemplate, result.Source);
        Assert.Equal("777777", result.Code);
        Assert.Equal(PartnerCenterErrorCategory.NotFound, result.Category);

        var withoutCode = PartnerCenterErrorClassifier.Default.Classify(404, """{"description": "Tenant not found"}"""u8, Json);
        Assert.Equal("60003", withoutCode.Code);
    }

    [Fact]
    public void A_template_of_another_status_decides_when_it_is_not_transient()
    {
        // The 404 row's wording on a 400 (not a transient status): the row decides, not the fallback rules or the status.
        var result = PartnerCenterErrorClassifier.Default.Classify(400, """{"description": "Tenant not found"}"""u8, Json);
        Assert.Equal(PartnerCenterClassificationSource.DescriptionTemplate, result.Source);
        Assert.Equal(PartnerCenterErrorCategory.NotFound, result.Category);
    }

    [Fact]
    public void A_body_with_neither_code_nor_description_is_classified_by_status_even_with_an_error_name()
    {
        // The reader does not recognise such a body as a Partner Center error: its errorName feeds no fallback rule.
        var result = PartnerCenterErrorClassifier.Default.Classify(400, """{"errorName": "QuotaExceeded"}"""u8, Json);
        Assert.Equal(PartnerCenterPayloadOutcome.Unrecognized, result.Payload);
        Assert.Equal(PartnerCenterClassificationSource.Status, result.Source);
        Assert.Equal(PartnerCenterErrorCategory.Validation, result.Category);

        // With a description, the same errorName decides (control: the name itself is a quota hint).
        var described = PartnerCenterErrorClassifier.Default.Classify(400, """{"description": "Request failed.", "errorName": "QuotaExceeded"}"""u8, Json);
        Assert.Equal(PartnerCenterClassificationSource.StatusKeyword, described.Source);
        Assert.Equal(PartnerCenterErrorCategory.Quota, described.Category);
    }

    [Fact]
    public void A_body_without_description_has_no_raw_description()
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(400, """{"code": "SomethingNew"}"""u8, Json, PartnerCenterRawDescription.Include);
        Assert.Equal("SomethingNew", result.Code);
        Assert.Null(result.RawDescription);
        Assert.Null(result.Description);
        Assert.Equal(PartnerCenterClassificationSource.Status, result.Source);
    }

    [Fact]
    public void An_escaped_description_with_bytes_that_are_not_utf8_is_classified_and_kept_readable()
    {
        // \n makes the reader unescape the string; 0xFF cannot be transcoded, so the raw bytes are decoded instead.
        var body = Encoding.UTF8.GetBytes("""{"code": "SomethingNew", "description": "Request failed.\nQuota exceeded XX"}""");
        body[Array.LastIndexOf(body, (byte)'X')] = 0xFF;

        var result = PartnerCenterErrorClassifier.Default.Classify(400, body, Json, PartnerCenterRawDescription.Include);
        Assert.Equal("SomethingNew", result.Code);
        Assert.Equal(PartnerCenterErrorCategory.Quota, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.StatusKeyword, result.Source);
        Assert.NotNull(result.RawDescription);
        Assert.StartsWith("Request failed.\\nQuota exceeded X", result.RawDescription, StringComparison.Ordinal);
    }

    private static PartnerCenterErrorClassifier WithOverride(string code, PartnerCenterErrorCategory category)
    {
        var options = new PartnerCenterClassificationOptions();
        options.CategoryOverrides[code] = category;
        return new PartnerCenterErrorClassifier(options);
    }
}
