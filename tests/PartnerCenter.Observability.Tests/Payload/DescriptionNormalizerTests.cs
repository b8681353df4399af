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

    /// <summary>
    /// Every named reference the normalizer knows, with what it must become between two letters: a space variant a
    /// space, an invisible one nothing, a dash <c>-</c>, a quote its ASCII form, every other one its ASCII character.
    /// Naming each entry makes a typo or a dropped name in the table fail here.
    /// </summary>
    public static TheoryData<string, string> NamedReferences => new()
    {
        { "commat", "@" }, { "period", "." }, { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
        { "apos", "'" }, { "colon", ":" }, { "equals", "=" }, { "sol", "/" },
        { "nbsp", " " }, { "NonBreakingSpace", " " }, { "ensp", " " }, { "emsp", " " }, { "emsp13", " " },
        { "emsp14", " " }, { "thinsp", " " }, { "hairsp", " " }, { "numsp", " " }, { "puncsp", " " },
        { "MediumSpace", " " }, { "ThinSpace", " " }, { "VeryThinSpace", " " }, { "Tab", " " }, { "NewLine", " " },
        { "ZeroWidthSpace", "" }, { "NegativeThinSpace", "" }, { "NegativeMediumSpace", "" }, { "NegativeThickSpace", "" },
        { "NegativeVeryThinSpace", "" }, { "zwnj", "" }, { "zwj", "" }, { "lrm", "" }, { "rlm", "" }, { "shy", "" },
        { "NoBreak", "" }, { "af", "" }, { "it", "" }, { "ic", "" },
        { "hyphen", "-" }, { "dash", "-" }, { "ndash", "-" }, { "mdash", "-" }, { "minus", "-" }, { "horbar", "-" },
        { "lsquo", "'" }, { "rsquo", "'" }, { "rsquor", "'" }, { "prime", "'" },
        { "ldquo", "\"" }, { "rdquo", "\"" }, { "rdquor", "\"" }, { "Prime", "\"" },
        { "num", "#" }, { "dollar", "$" }, { "percnt", "%" }, { "lpar", "(" }, { "rpar", ")" }, { "ast", "*" },
        { "midast", "*" }, { "plus", "+" }, { "comma", "," }, { "bsol", "\\" }, { "semi", ";" }, { "quest", "?" },
        { "lsqb", "[" }, { "lbrack", "[" }, { "rsqb", "]" }, { "rbrack", "]" }, { "lowbar", "_" }, { "UnderBar", "_" },
        { "grave", "`" }, { "lcub", "{" }, { "lbrace", "{" }, { "rcub", "}" }, { "rbrace", "}" }, { "verbar", "|" },
        { "vert", "|" }, { "VerticalLine", "|" }, { "tilde", "~" }, { "excl", "!" },
    };

    [Theory]
    [MemberData(nameof(NamedReferences))]
    public void Each_named_reference_becomes_its_one_form(string name, string expected) =>
        Assert.Equal("a" + expected + "b", DescriptionNormalizer.Normalize("a&" + name + ";b"));

    [Theory]
    [InlineData("\u2018", "'")]
    [InlineData("\u2019", "'")]
    [InlineData("\u201B", "'")]
    [InlineData("\u2032", "'")]
    [InlineData("\u02BC", "'")]
    [InlineData("\uFF07", "'")]
    [InlineData("\u201C", "\"")]
    [InlineData("\u201D", "\"")]
    [InlineData("\u201F", "\"")]
    [InlineData("\uFF02", "\"")]
    [InlineData("\u2033", "''")]
    [InlineData("\u2212", "-")]
    [InlineData("\u2043", "-")]
    [InlineData("\u02D7", "-")]
    [InlineData("\u2010", "-")]
    [InlineData("\u2E3A", "-")]
    public void Curly_quotes_primes_and_dashes_become_ascii(string mark, string expected) =>
        Assert.Equal("isn" + expected + "t", DescriptionNormalizer.Normalize("isn" + mark + "t"));

    [Theory]
    [InlineData("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", "0123456789")]
    [InlineData("\u0966\u0967\u0968\u0969\u096A\u096B\u096C\u096D\u096E\u096F", "0123456789")]
    [InlineData("\u0E50\u0E59 \u1040\u1045", "09 05")]
    [InlineData("\uFF11\uFF12", "12")]
    public void Decimal_digits_of_any_script_become_ascii_digits(string digits, string expected) =>
        Assert.Equal(expected, DescriptionNormalizer.Normalize(digits));

    /// <summary>A reference that decodes to a reference or an escape is decoded once more, and only once more.</summary>
    [Theory]
    [InlineData("jane&amp;commat;contoso.com", "jane@contoso.com")]
    [InlineData("jane&amp;#64;contoso.com", "jane@contoso.com")]
    [InlineData("jane&percnt;40contoso.com", "jane@contoso.com")]
    [InlineData("jane%26commat;contoso.com", "jane@contoso.com")]
    [InlineData("jane%2540contoso.com", "jane@contoso.com")]
    [InlineData("jane&amp;amp;commat;contoso.com", "jane&commat;contoso.com")]
    [InlineData("jane%252540contoso.com", "jane%40contoso.com")]
    public void A_reference_decoded_to_a_reference_is_decoded_once_more(string input, string expected) =>
        Assert.Equal(expected, DescriptionNormalizer.Normalize(input));
}
