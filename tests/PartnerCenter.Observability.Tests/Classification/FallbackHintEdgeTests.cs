using System.Text;
using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>Error and exception names whose words end in capitals (acronyms) still become words and still classify.</summary>
public sealed class FallbackHintEdgeTests
{
    [Theory]
    [InlineData("QuotaIO", " Quota IO")]
    [InlineData("SeatsMAX", " Seats MAX")]
    [InlineData("AB", " AB")]
    [InlineData("aB", " a B")]
    [InlineData("Ab", " Ab")]
    public void Names_ending_in_capitals_are_split_before_the_acronym(string errorName, string expected) =>
        Assert.Equal(expected, FallbackHints.Describe(errorName, null));

    [Fact]
    public void An_error_name_ending_in_an_acronym_still_classifies()
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(400, Encoding.UTF8.GetBytes("""{"code": 765432, "description": "Request failed.", "errorName": "QuotaExceededOnSKU"}"""), "application/json");
        Assert.Equal(PartnerCenterErrorCategory.Quota, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.StatusKeyword, result.Source);
    }
}
