namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>The metric tag value of every category, as dashboards and alert rules spell it, and back.</summary>
public sealed class CategoryTagValueTests
{
    [Theory]
    [InlineData(PartnerCenterErrorCategory.Unknown, "unknown")]
    [InlineData(PartnerCenterErrorCategory.Auth, "auth")]
    [InlineData(PartnerCenterErrorCategory.Quota, "quota")]
    [InlineData(PartnerCenterErrorCategory.Eligibility, "eligibility")]
    [InlineData(PartnerCenterErrorCategory.Transient, "transient")]
    [InlineData(PartnerCenterErrorCategory.Validation, "validation")]
    [InlineData(PartnerCenterErrorCategory.NotFound, "not_found")]
    [InlineData(PartnerCenterErrorCategory.Conflict, "conflict")]
    public void Each_category_has_its_snake_case_tag_value_and_parses_back(PartnerCenterErrorCategory category, string tag)
    {
        Assert.Equal(tag, category.ToTagValue());
        Assert.True(PartnerCenterErrorCategoryExtensions.TryParseTagValue(tag, out var parsed));
        Assert.Equal(category, parsed);
    }

    [Fact]
    public void A_value_outside_the_enum_is_tagged_unknown()
    {
        Assert.Equal("unknown", ((PartnerCenterErrorCategory)99).ToTagValue());
    }

    [Fact]
    public void Every_member_has_a_tag_value_of_its_own()
    {
        var tags = Enum.GetValues<PartnerCenterErrorCategory>().Select(c => c.ToTagValue()).ToList();
        Assert.Equal(tags.Count, tags.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(string.Empty, tags);
    }
}
