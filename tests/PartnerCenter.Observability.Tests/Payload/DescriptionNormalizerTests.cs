using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>The normalizer undoes the disguises a secret can wear before the masks look at the text.</summary>
public sealed class DescriptionNormalizerTests
{
    [Theory]
    [InlineData("jane%40contoso.com", "jane@contoso.com")]
    [InlineData("a%20b", "a b")]
    [InlineData("%7e", "~")]
    [InlineData("%7F", "%7F")]
    [InlineData("%1F", "%1F")]
    [InlineData("%0A", "%0A")]
    [InlineData("%4", "%4")]
    [InlineData("x%41", "xA")]
    [InlineData("%41%", "A%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%%41", "%A")]
    public void Percent_escapes_of_printable_ascii_are_decoded(string input, string expected) =>
        Assert.Equal(expected, DescriptionNormalizer.Normalize(input));

    [Theory]
    [InlineData("jane&commat;contoso&period;com", "jane@contoso.com")]
    [InlineData("&amp;&lt;&gt;&quot;&apos;&colon;&equals;&sol;", "&<>\"':=/")]
    [InlineData("a&nbsp;b", "a b")]
    [InlineData("&#64;", "@")]
    [InlineData("&#x40;", "@")]
    [InlineData("&#X40;", "@")]
    [InlineData("&#0;", "&#0;")]
    [InlineData("&#xD800;", "&#xD800;")]
    [InlineData("&#xDFFF;", "&#xDFFF;")]
    [InlineData("&#x110000;", "&#x110000;")]
    [InlineData("&#x10FFFF;", "\U0010FFFF")]
    [InlineData("&#xD7FF;", "\uD7FF")]
    [InlineData("&#xE000;", "\uE000")]
    [InlineData("&#1;", "")]
    [InlineData("&#x;", "&#x;")]
    [InlineData("&#-64;", "&#-64;")]
    [InlineData("&unknown;", "&unknown;")]
    [InlineData("&;", "&;")]
    [InlineData("&a;", "&a;")]
    [InlineData("&lt", "&lt")]
    [InlineData("&#000000064;", "@")]
    [InlineData("&#0000000064;", "@")]
    [InlineData("a&commat;b&commat;c", "a@b@c")]
    public void Html_entities_are_decoded(string input, string expected) =>
        Assert.Equal(expected, DescriptionNormalizer.Normalize(input));

    [Theory]
    [InlineData("contoso\u3002com", "contoso.com")]
    [InlineData("contoso\uFF61com", "contoso.com")]
    [InlineData("contoso\uFE52com", "contoso.com")]
    [InlineData("\uFF4A\uFF41\uFF4E\uFF45\uFF20contoso.com", "jane@contoso.com")]
    [InlineData("a\tb\nc\u00A0d\u2003e", "a b c d e")]
    [InlineData("a\u0000b\u0007c\u001Bd", "abcd")]
    [InlineData("to\u200Bk\u200Den\uFEFF", "token")]
    [InlineData("plain text, kept.", "plain text, kept.")]
    [InlineData("", "")]
    public void Look_alike_dots_spaces_and_invisible_characters(string input, string expected) =>
        Assert.Equal(expected, DescriptionNormalizer.Normalize(input));

    [Fact]
    public void An_unpaired_surrogate_does_not_stop_the_decoding()
    {
        var result = DescriptionNormalizer.Normalize("jane%40contoso.com \uD800 &#64;");
        Assert.Equal("jane@contoso.com \uD800 @", result);
    }
}
