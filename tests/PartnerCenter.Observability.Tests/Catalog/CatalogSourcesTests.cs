using System.Text;
using System.Text.Json;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Catalog;

/// <summary>Catalogue v2 against every row of the three reference files.</summary>
public sealed class CatalogSourcesTests
{
    [Theory]
    [InlineData(ReferenceFacts.Seed)]
    [InlineData(ReferenceFacts.OtherEditions)]
    [InlineData(ReferenceFacts.OtherPages)]
    public void Every_row_of_the_reference_files_is_recognised_with_a_category_other_than_unknown(string file)
    {
        var facts = ReferenceFacts.Read(file);
        Assert.NotEmpty(facts);
        var problems = facts.Select(Check).Where(p => p is not null).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} of {facts.Count} rows not recognised:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_same_code_at_two_statuses_has_two_meanings()
    {
        var c = PartnerCenterErrorClassifier.Default;
        Assert.Equal(PartnerCenterErrorCategory.Validation, c.Classify(400, "3000", "x").Category);
        Assert.Equal(PartnerCenterErrorCategory.NotFound, c.Classify(404, "3000", "x").Category);

        // 3000's rows disagree, so at a third status the code alone decides nothing: the status does.
        var other = c.Classify(403, "3000", "x");
        Assert.Equal(PartnerCenterClassificationSource.Status, other.Source);
        Assert.Equal(PartnerCenterErrorCategory.Auth, other.Category);

        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, c.Classify(400, "800082", "x").Source);
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, c.Classify(409, "800082", "x").Source);
    }

    [Fact]
    public void The_code_alone_never_makes_a_non_retryable_status_retryable()
    {
        // 800003 is a transient 500; the same code on a 400 says nothing about retrying.
        var result = PartnerCenterErrorClassifier.Default.Classify(400, """{"code": 800003, "description": "x"}"""u8, "application/json");
        Assert.NotEqual(PartnerCenterClassificationSource.CatalogCode, result.Source);
        Assert.False(result.IsRetryable);

        // On a 503 it still applies.
        var busy = PartnerCenterErrorClassifier.Default.Classify(503, """{"code": 800003, "description": "x"}"""u8, "application/json");
        Assert.Equal(PartnerCenterClassificationSource.CatalogCode, busy.Source);
        Assert.True(busy.IsRetryable);

        // A code documented without a status is matched by the code alone.
        var cart = PartnerCenterErrorClassifier.Default.Classify(400, """{"code": 10002, "description": "x"}"""u8, "application/json");
        Assert.Equal(PartnerCenterClassificationSource.CatalogCode, cart.Source);
        Assert.Equal(PartnerCenterErrorCategory.Quota, cart.Category);
    }

    [Fact]
    public void Text_codes_of_the_nested_form_are_catalogued()
    {
        var body = """{"error": {"code": "accessDenied", "message": "The caller doesn't have permission to perform the action.", "target": "referral"}}"""u8;
        var result = PartnerCenterErrorClassifier.Default.Classify(403, body, "application/json");
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, result.Source);
        Assert.Equal(PartnerCenterErrorCategory.Auth, result.Category);

        var elsewhere = PartnerCenterErrorClassifier.Default.Classify(400, "ITEMNOTFOUND", "x");
        Assert.Equal(PartnerCenterClassificationSource.CatalogCode, elsewhere.Source);
        Assert.Equal(PartnerCenterErrorCategory.NotFound, elsewhere.Category);
    }

    [Fact]
    public void One_status_and_code_with_two_meanings_is_told_apart_by_the_description()
    {
        var suspended = """{"code": 2001, "description": "Subscription quantity cannot be increased or decreased while subscription is being suspended"}"""u8;
        var mpa = """{"code": 2001, "description": "Both MPN Id and Tenant Id cannot be empty."}"""u8;
        Assert.Equal(PartnerCenterErrorCategory.Conflict, PartnerCenterErrorClassifier.Default.Classify(400, suspended, "application/json").Category);
        Assert.Equal(PartnerCenterErrorCategory.Validation, PartnerCenterErrorClassifier.Default.Classify(400, mpa, "application/json").Category);
        Assert.Equal(PartnerCenterErrorCategory.Validation, PartnerCenterErrorClassifier.Default.Classify(400, "2001", "Both MPN Id and Tenant Id cannot be empty.").Category);
    }

    [Fact]
    public void The_issue_examples_are_eligibility_and_quota()
    {
        var c = PartnerCenterErrorClassifier.Default;
        var licences = c.Classify(400, """{"code":60012,"description":"We are sorry, it looks like you have run out of licenses. Buy more licenses, and then try again.","data":["LicenseQuotaExceededException : ..."]}"""u8, "application/json");
        Assert.Equal(PartnerCenterErrorCategory.Quota, licences.Category);
        Assert.False(licences.IsRetryable);

        Assert.Equal(PartnerCenterErrorCategory.Eligibility, c.Classify(400, "6000", "The billing cycle could not be changed because the order contains one or more subscriptions that aren't active").Category);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, c.Classify(400, "900314", "The Azure subscription associated with the entitlement ID is not active").Category);
    }

    private static string? Check(ReferenceFact fact)
    {
        var classifier = PartnerCenterErrorClassifier.Default;
        if (fact.Code is not null && fact.Status is null)
        {
            // No status documented: the code alone must be known.
            return PartnerCenterErrorCatalog.TryFindByCode(fact.Code, out var row) && row.Category != PartnerCenterErrorCategory.Unknown
                ? null : $"{fact}: code not catalogued";
        }

        if (fact.Code is not null && fact.Status < 400)
        {
            // An item inside a successful response: catalogued at that status, never read by the handler.
            return PartnerCenterErrorCatalog.TryFind(fact.Status.Value, fact.Code, out var row) && row.Category != PartnerCenterErrorCategory.Unknown
                ? null : $"{fact}: success-body item not catalogued";
        }

        if (fact.Code is not null)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["code"] = fact.Code, ["description"] = fact.Description });
            var result = classifier.Classify(fact.Status!.Value, body, "application/json");
            return result.Source == PartnerCenterClassificationSource.CatalogStatusAndCode && result.Category != PartnerCenterErrorCategory.Unknown
                ? null : $"{fact}: {result}";
        }

        if (fact.Status is not { } status || status < 400)
        {
            // A fact about a success status (Retry-After on a 200): nothing to classify.
            return fact.Status is null ? $"{fact}: neither status nor code" : null;
        }

        // A status-only fact, or a body sample (the API-gateway form) written into the description.
        var brace = fact.Description.LastIndexOf('}');
        var sample = fact.Description.StartsWith('{') && brace > 0 ? Encoding.UTF8.GetBytes(fact.Description[..(brace + 1)]) : null;
        var classified = sample is null ? classifier.Classify(status, code: null, fact.Description) : classifier.Classify(status, sample, "application/json");
        return classified.Category != PartnerCenterErrorCategory.Unknown ? null : $"{fact}: {classified}";
    }
}
