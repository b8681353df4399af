using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// Brings a description to one form before it is masked, so that a value written in disguise is masked like the plain
/// one: percent-escapes of ASCII (<c>%40</c>, <c>%2D</c>, <c>%20</c>) and HTML character references (<c>&amp;#64;</c>,
/// <c>&amp;commat;</c>) are decoded, the text is put in Unicode NFKC form (fullwidth <c>＠</c> becomes <c>@</c>),
/// ideographic full stops become dots, every dash (Unicode dash punctuation, minus signs) becomes <c>-</c>, every
/// decimal digit of any script becomes its ASCII digit, every space variant a space, curly quotes and apostrophes their
/// ASCII forms; control characters and format characters (zero-width spaces, soft hyphens, bidi overrides) are removed.
/// A reference decoded to another reference (<c>&amp;amp;#8203;</c>) is decoded once more.
/// </summary>
internal static class DescriptionNormalizer
{
    public static string Normalize(ReadOnlySpan<char> text)
    {
        if (IsNormal(text))
        {
            return text.ToString();
        }

        var once = Decode(text);
        var decoded = once.Contains('&') || once.Contains('%') ? Decode(once) : once;
        string normalized;
        try
        {
            normalized = decoded.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates: keep the text as decoded; the allowlist still applies.
            normalized = decoded;
        }

        var output = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (Map(c) is { } mapped)
            {
                output.Append(mapped);
            }
        }

        return output.ToString();
    }

    /// <summary>Printable ASCII without escapes or references is already in its one form.</summary>
    public static bool IsNormal(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange(' ', '~') && !text.ContainsAny('%', '&');

    private static char? Map(char c) => c switch
    {
        // Stryker disable once Equality : U+0080 is a C1 control, not white space: both arms remove it alike.
        < '\u0080' => char.IsControl(c) ? (char.IsWhiteSpace(c) ? ' ' : null) : c,
        _ when char.IsWhiteSpace(c) => ' ',
        '\u3002' or '\uFF61' or '\uFE52' => '.',
        '\u2018' or '\u2019' or '\u201B' or '\u2032' or '\u02BC' or '\uFF07' => '\'',
        '\u201C' or '\u201D' or '\u201F' or '\u2033' or '\uFF02' => '"',
        '\u2212' or '\u2043' or '\u02D7' => '-',
        _ => CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.DashPunctuation => '-',
            UnicodeCategory.DecimalDigitNumber => (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)),
            UnicodeCategory.Format or UnicodeCategory.Control => null,
            _ => c,
        },
    };

    private static string Decode(ReadOnlySpan<char> text)
    {
        var decoded = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && TryHexByte(text.Slice(i + 1, 2), out var value) && value is >= 0x20 and < 0x7F)
            {
                decoded.Append((char)value);
                i += 3;
                continue;
            }

            if (c == '&' && TryEntity(text[i..], out var entity, out var length))
            {
                decoded.Append(entity);
                i += length;
                continue;
            }

            decoded.Append(c);
            i++;
        }

        return decoded.ToString();
    }

    private static bool TryHexByte(ReadOnlySpan<char> hex, out int value) =>
        int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    /// <summary>A numeric reference (<c>&amp;#64;</c>, <c>&amp;#x40;</c>) or a few named ones, up to the semicolon.</summary>
    private static bool TryEntity(ReadOnlySpan<char> text, out string value, out int length)
    {
        // Stryker disable once String : the out value is read only when the method returns true, which assigns it.
        value = string.Empty;
        length = 0;
        var end = text[..Math.Min(text.Length, 24)].IndexOf(';');
        if (end < 3)
        {
            return false;
        }

        var name = text[1..end];
        if (name[0] == '#')
        {
            // Stryker disable once Equality : cannot be reached with one character: a semicolon before index 3 returned above.
            var isHex = name.Length > 1 && name[1] is 'x' or 'X';
            var digits = isHex ? name[2..] : name[1..];
            if (!int.TryParse(digits, isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is <= 0 or > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            {
                return false;
            }

            value = char.ConvertFromUtf32(code);
        }
        else
        {
            value = name switch
            {
                "commat" => "@",
                "period" => ".",
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                "colon" => ":",
                "equals" => "=",
                "sol" => "/",
                "nbsp" or "NonBreakingSpace" or "ensp" or "emsp" or "emsp13" or "emsp14" or "thinsp" or "hairsp" or "numsp" or "puncsp" or "MediumSpace" or "ThinSpace" or "VeryThinSpace" or "Tab" or "NewLine" => " ",
                "ZeroWidthSpace" or "NegativeThinSpace" or "NegativeMediumSpace" or "NegativeThickSpace" or "NegativeVeryThinSpace" or "zwnj" or "zwj" or "lrm" or "rlm" or "shy" or "NoBreak" or "af" or "it" or "ic" => "\u200B",
                "hyphen" or "dash" or "ndash" or "mdash" or "minus" or "horbar" => "-",
                "lsquo" or "rsquo" or "rsquor" or "prime" => "'",
                "ldquo" or "rdquo" or "rdquor" or "Prime" => "\"",
                "num" => "#",
                "dollar" => "$",
                "percnt" => "%",
                "lpar" => "(",
                "rpar" => ")",
                "ast" or "midast" => "*",
                "plus" => "+",
                "comma" => ",",
                "bsol" => "\\",
                "semi" => ";",
                "quest" => "?",
                "lsqb" or "lbrack" => "[",
                "rsqb" or "rbrack" => "]",
                "lowbar" or "UnderBar" => "_",
                "grave" => "`",
                "lcub" or "lbrace" => "{",
                "rcub" or "rbrace" => "}",
                "verbar" or "vert" or "VerticalLine" => "|",
                "tilde" => "~",
                "excl" => "!",
                _ => string.Empty,
            };
            if (value.Length == 0)
            {
                return false;
            }
        }

        length = end + 1;
        return true;
    }
}
