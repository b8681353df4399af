using System.Text;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// A catalogued numeric code is resolved on a fast path that decodes nothing. Any override sends every body through the
/// general path instead; both must give the same answer, field by field, including what the body says about retrying.
/// </summary>
public sealed class FastPathAgreementTests
{
    private const string Json = "application/json";

    // An override for a code none of the bodies below carries: it changes no answer, only the path taken.
    private static readonly PartnerCenterErrorClassifier General = CreateGeneral();

    [Theory]
    [InlineData(403, """{"code": 800020, "description": "The catalog item isn't eligible for purchase."}""")]
    [InlineData(403, """{"code": 800020, "description": "x", "isRetryable": true}""")]
    [InlineData(403, """{"code": 800020, "description": "x", "ISRETRYABLE": true}""")]
    [InlineData(403, """{"code": 800020, "description": "x", "IsReTryAble": false}""")]
    [InlineData(403, """{"code": 800020, "description": "x", "errorName": "Fee", "ISRETRYABLE": true}""")]
    [InlineData(403, """{"code": 800020, "description": "x", "errorName": "Fee"}""")]
    [InlineData(403, """{"error": {"code": 800020, "message": "x"}, "IsRetryable": true}""")]
    [InlineData(400, """{"code": 800020, "description": "x", "ISRETRYABLE": true}""")]
    [InlineData(400, """{"code": 2001, "description": "Both MPN Id and Tenant Id cannot be empty."}""")]
    [InlineData(400, """{"code": 2001, "description": "Subscription quantity cannot be increased or decreased while subscription is being suspended"}""")]
    [InlineData(500, """{"code": 800003, "description": "Unexpected service error", "isRETRYABLE": false}""")]
    [InlineData(404, """{"code": 123456789, "description": "Tenant not found"}""")]
    [InlineData(403, """{"code": "000800020", "description": "x"}""")]
    [InlineData(403, """{"code": "0000800020", "description": "x"}""")]
    [InlineData(403, """{"code": "00000800020", "description": "x"}""")]
    [InlineData(403, """{"code": "80002O", "description": "x"}""")]
    [InlineData(501, """{"code": "Oops", "description": "x"}""")]
    [InlineData(501, """{"code": "0", "description": "x"}""")]
    public void The_fast_path_and_the_general_path_agree(int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var fast = PartnerCenterErrorClassifier.Default.Classify(status, bytes, Json, PartnerCenterRawDescription.Include);
        var general = General.Classify(status, bytes, Json, PartnerCenterRawDescription.Include);

        Assert.Equal(general.Code, fast.Code);
        Assert.Equal(general.Category, fast.Category);
        Assert.Equal(general.Source, fast.Source);
        Assert.Equal(general.Description, fast.Description);
        Assert.Same(general.Definition, fast.Definition);
        Assert.Equal(general.Payload, fast.Payload);
        Assert.Equal(general.RawDescription, fast.RawDescription);
        Assert.Equal(general.ServerStatedRetryable, fast.ServerStatedRetryable);
        Assert.Equal(general.IsRetryable, fast.IsRetryable);
    }

    [Theory]
    [InlineData("""{"code": 800020, "description": "x", "ISRETRYABLE": true}""", true)]
    [InlineData("""{"code": 800020, "description": "x", "isRETRYABLE": true}""", true)]
    [InlineData("""{"code": 800020, "description": "x", "errorName": "Fee", "ISRETRYABLE": true}""", true)]
    [InlineData("""{"code": 800020, "description": "x", "IsReTryAble": false}""", false)]
    [InlineData("""{"code": 800020, "description": "x", "errorName": "Fee"}""", null)]
    public void A_catalogued_error_takes_the_server_word_in_any_casing(string body, bool? stated)
    {
        // 403 800020 is a catalogued eligibility error, not retryable unless the server says so.
        var result = PartnerCenterErrorClassifier.Default.Classify(403, Encoding.UTF8.GetBytes(body), Json);
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, result.Source);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, result.Category);
        Assert.Equal(stated, result.ServerStatedRetryable);
        Assert.Equal(stated ?? false, result.IsRetryable);
    }

    private static PartnerCenterErrorClassifier CreateGeneral()
    {
        var options = new PartnerCenterClassificationOptions();
        options.CategoryOverrides["no-such-code"] = PartnerCenterErrorCategory.Conflict;
        return new PartnerCenterErrorClassifier(options);
    }
}
