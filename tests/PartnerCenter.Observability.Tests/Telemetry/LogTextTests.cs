using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Tests.Telemetry;

/// <summary>What may reach log text and exception messages: no control or format character, line breaks as one space.</summary>
public sealed class LogTextTests
{
    [Fact]
    public void Clean_text_is_returned_as_it_is()
    {
        const string clean = "Order 1234 failed: quota exceeded (café, 日本)";
        Assert.Same(clean, LogText.StripControlCharacters(clean));
        Assert.Same(string.Empty, LogText.StripControlCharacters(string.Empty));
    }

    [Theory]
    [InlineData("a\rb", "a b")]
    [InlineData("a\nb", "a b")]
    [InlineData("a\tb", "a b")]
    [InlineData("a\r\n\tb", "a b")]
    [InlineData("a \nb", "a b")]
    [InlineData("a\n b", "a  b")]
    [InlineData("\r\nforged", "forged")]
    [InlineData("\u0000\nforged", "forged")]
    [InlineData("line\n", "line ")]
    public void A_line_break_becomes_one_space_and_never_starts_the_text(string text, string expected) =>
        Assert.Equal(expected, LogText.StripControlCharacters(text));

    [Theory]
    [InlineData("\u0000abc", "abc")]
    [InlineData("abc\u0000def", "abcdef")]
    [InlineData("abc\u0000", "abc")]
    [InlineData("Colour \u001b[31mred\u001b[0m", "Colour [31mred[0m")]
    [InlineData("bell\u0007\u007f\u0085!", "bell!")]
    [InlineData("zero\u200Bwidth", "zerowidth")]
    [InlineData("bidi \u202Eevil\u202C ok", "bidi evil ok")]
    [InlineData("soft\u00ADhyphen", "softhyphen")]
    [InlineData("\u0000\u001b\u200B", "")]
    public void Control_and_format_characters_are_removed_and_the_rest_kept(string text, string expected) =>
        Assert.Equal(expected, LogText.StripControlCharacters(text));

    [Theory]
    [InlineData('a', false)]
    [InlineData(' ', false)]
    [InlineData('é', false)]
    [InlineData('\u3002', false)]
    [InlineData('\n', true)]
    [InlineData('\u0000', true)]
    [InlineData('\u001b', true)]
    [InlineData('\u0085', true)]
    [InlineData('\u200B', true)]
    [InlineData('\u202E', true)]
    [InlineData('\uFEFF', true)]
    public void Unsafe_characters_are_controls_and_formats(char c, bool unsafeCharacter) =>
        Assert.Equal(unsafeCharacter, LogText.IsUnsafe(c));
}
