using System.Text;

namespace PartnerCenter.Observability.Tests.Classification;

public sealed class ClassifierTests
{
    [Fact]
    public void A_catalogued_code_allocates_nothing_and_returns_the_catalogue_string()
    {
        var body = """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}"""u8.ToArray();
        var classifier = PartnerCenterErrorClassifier.Default;
        classifier.Classify(403, body, "application/json"); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = classifier.Classify(403, body, "application/json");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(PartnerCenterErrorCatalog.TryFind(403, "800020", out var row));
        Assert.Same(row.Code, result.Code);
        Assert.Same(row.Template, result.Description);
    }

    [Fact]
    public void A_user_override_wins_over_the_catalogue()
    {
        var options = new PartnerCenterClassificationOptions();
        options.CategoryOverrides["800067"] = PartnerCenterErrorCategory.Eligibility;
        options.CategoryOverrides["ABC"] = PartnerCenterErrorCategory.Transient;
        var classifier = new PartnerCenterErrorClassifier(options);

        var seat = classifier.Classify(403, """{"code": 800067}"""u8, "application/json");
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, seat.Category);
        Assert.Equal(PartnerCenterClassificationSource.Override, seat.Source);
        Assert.NotNull(seat.Definition);

        var custom = classifier.Classify(400, """{"error": {"code": "abc", "message": "flaky"}}"""u8, "application/json");
        Assert.Equal(PartnerCenterErrorCategory.Transient, custom.Category);
        Assert.True(custom.IsRetryable);

        var untouched = classifier.Classify(403, """{"code": 800020}"""u8, "application/json");
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, untouched.Category);
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, untouched.Source);
    }

    [Fact]
    public void Precedence_is_status_and_code_then_code_then_template_then_keyword_then_status()
    {
        var c = PartnerCenterErrorClassifier.Default;
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, c.Classify(403, "800020", "anything").Source);
        Assert.Equal(PartnerCenterClassificationSource.CatalogCode, c.Classify(400, "800020", "anything").Source);
        Assert.Equal(PartnerCenterClassificationSource.DescriptionTemplate, c.Classify(400, "999999", "Subscription with ID 7 and deleted status can't be updated.").Source);
        Assert.Equal(PartnerCenterClassificationSource.StatusKeyword, c.Classify(403, "999999", "The customer is not eligible").Source);
        Assert.Equal(PartnerCenterClassificationSource.Status, c.Classify(403, "999999", "Nope").Source);
        Assert.Equal(PartnerCenterClassificationSource.None, c.Classify(418, "999999", "Nope").Source);
        Assert.Equal(PartnerCenterErrorCategory.Unknown, c.Classify(418, "999999", "Nope").Category);
    }

    [Fact]
    public void Uncataloged_descriptions_are_redacted_and_truncated()
    {
        var description = "Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 owned by jane.doe@contoso.com failed order 1234567890 " +
            "with token eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0 at /v1/customers?filter=secret " +
            "Authorization: Bearer abc.def " + new string('z', 600);
        var result = new PartnerCenterErrorClassifier(new PartnerCenterClassificationOptions { MaxDescriptionLength = 200 })
            .Classify(400, "999999", description);

        var text = result.Description!;
        Assert.True(text.Length <= 200);
        Assert.DoesNotContain("5c7b6c43", text, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1234567890", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJhbGci", text, StringComparison.Ordinal);
        Assert.DoesNotContain("=secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def", text, StringComparison.Ordinal);
        Assert.Contains("{guid}", text, StringComparison.Ordinal);
        Assert.Contains("{email}", text, StringComparison.Ordinal);
        Assert.Null(result.RawDescription);
    }

    [Fact]
    public void Catalogued_descriptions_go_out_as_their_template()
    {
        var body = Encoding.UTF8.GetBytes("""{"code": 900215, "description": "Subscription 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 cannot be migrated to New Commerce because the status is not active."}""");
        var result = PartnerCenterErrorClassifier.Default.Classify(400, body, "application/json");
        Assert.Equal("Subscription {0} cannot be migrated to New Commerce because the status is not active.", result.Description);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, result.Category);
    }

    [Fact]
    public void Codes_longer_than_the_cap_are_cut()
    {
        var code = new string('A', 500);
        var result = PartnerCenterErrorClassifier.Default.Classify(400, Encoding.UTF8.GetBytes($$"""{"code": "{{code}}"}"""), "application/json");
        Assert.Equal(64, result.Code!.Length);
    }
}
