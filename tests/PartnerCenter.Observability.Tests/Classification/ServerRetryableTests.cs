using System.Text;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>What the body's <c>isRetryable</c> says wins, however the field name is cased and wherever it stands.</summary>
public sealed class ServerRetryableTests
{
    private const string Json = "application/json";

    [Theory]
    [InlineData("""{"code": 765432, "description": "Busy.", "ISRETRYABLE": false}""", false)]
    [InlineData("""{"code": 765432, "description": "Busy.", "errorName": "Busy", "ISRETRYABLE": false}""", false)]
    [InlineData("""{"code": 765432, "description": "Busy.", "IsRetryable": false}""", false)]
    [InlineData("""{"ISRETRYABLE": false, "code": 765432, "description": "Busy."}""", false)]
    [InlineData("""{"code": 765432, "description": "Busy."}""", null)]
    public void An_uncataloged_error_takes_the_server_word_in_any_casing(string body, bool? stated)
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(503, Encoding.UTF8.GetBytes(body), Json);
        Assert.Equal(stated, result.ServerStatedRetryable);
        Assert.Equal(stated ?? true, result.IsRetryable);
        Assert.Equal(PartnerCenterErrorCategory.Transient, result.Category);
    }
}
