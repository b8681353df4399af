using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Tests.Telemetry;

/// <summary>The bounds of a tag-safe code and the shape names of the redacted form.</summary>
public sealed class ErrorCodeTagEdgeTests
{
    [Theory]
    [InlineData("123456789", true)]
    [InlineData("1", true)]
    [InlineData("1234567890", false)]
    [InlineData("Error1234", false)]
    [InlineData("deadbeef", false)]
    [InlineData("a", false)]
    [InlineData("\u0661\u0662\u0663", false)]
    [InlineData("12\u00A0", false)]
    public void Tag_safe_means_catalogued_or_digits_only(string escaped, bool safe) =>
        Assert.Equal(safe, ErrorCodeTag.IsTagSafe(System.Text.RegularExpressions.Regex.Unescape(escaped)));

    [Fact]
    public void A_catalogued_name_is_tag_safe_only_as_the_catalogue_writes_it()
    {
        var named = PartnerCenterErrorCatalog.Definitions.First(d => d.Code is { } c && !c.All(char.IsAsciiDigit)).Code!;
        Assert.True(ErrorCodeTag.IsTagSafe(named));
        Assert.Equal(named, ErrorCodeTag.ForMetric(named));
        Assert.False(ErrorCodeTag.IsTagSafe(named + "x"));
        Assert.Equal("other", ErrorCodeTag.ForMetric(named + "x"));
    }

    [Theory]
    [InlineData("1234567890", "{number}")]
    [InlineData(" 12 ", "{number}")]
    [InlineData("  ", "{redacted}")]
    [InlineData("a@b", "{email}")]
    [InlineData("@a", "{redacted}")]
    [InlineData("@a@b", "{email}")]
    [InlineData("Error12345", "{token}")]
    [InlineData("_abc", "{token}")]
    [InlineData("Bad-Code", "{token}")]
    [InlineData("abc.com", "{domain}")]
    [InlineData("a-1.b-2.Com", "{domain}")]
    [InlineData("eyJabc.def.com", "{token}")]
    [InlineData("abc.com1", "{token}")]
    [InlineData(".com", "{token}")]
    [InlineData("abc.", "{token}")]
    [InlineData("a_b.com", "{token}")]
    [InlineData("a~b+c/d=", "{token}")]
    [InlineData("a b", "{redacted}")]
    [InlineData("a:b", "{redacted}")]
    public void The_redacted_form_names_the_shape(string code, string expected)
    {
        Assert.Equal(expected, ErrorCodeTag.Redacted(code));
        Assert.Equal(expected, ErrorCodeTag.ForSpan(code));
    }

    [Fact]
    public void No_code_gives_no_tag()
    {
        Assert.Null(ErrorCodeTag.ForSpan((string?)null));
        Assert.Null(ErrorCodeTag.ForMetric(null));
    }

    [Fact]
    public void A_catalogued_code_goes_out_as_the_catalogue_has_it()
    {
        var catalogued = PartnerCenterErrorClassifier.Default.Classify(403, "800020", null);
        Assert.True(ErrorCodeTag.IsCatalogued(catalogued));
        Assert.Same(catalogued.Definition!.Code, ErrorCodeTag.ForSpan(catalogued));

        var uncataloged = PartnerCenterErrorClassifier.Default.Classify(400, "4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55", null);
        Assert.False(ErrorCodeTag.IsCatalogued(uncataloged));
        Assert.Equal("{guid}", ErrorCodeTag.ForSpan(uncataloged));

        var none = PartnerCenterErrorClassifier.Default.Classify(400, null, "x");
        Assert.False(ErrorCodeTag.IsCatalogued(none));
        Assert.Null(ErrorCodeTag.ForSpan(none));
    }
}
