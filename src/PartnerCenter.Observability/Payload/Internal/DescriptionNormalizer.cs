using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// Brings a description to one form before it is masked, so that a value written in disguise is masked like the plain
/// one: percent-escapes of ASCII (<c>%40</c>, <c>%2D</c>, <c>%20</c>) and HTML character references (<c>&amp;#64;</c>,
/// <c>&amp;commat;</c>) are decoded, the text is put in Unicode NFKC form (fullwidth <c>＠</c> becomes <c>@</c>),
/// ideographic full stops become dots, control characters other than white space and format characters (zero-width
/// spaces, bidi overrides) are removed.
/// </summary>
internal static class DescriptionNormalizer
{
    public static string Normalize(ReadOnlySpan<char> text)
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

        var normalized = decoded.ToString();
        try
        {
            normalized = normalized.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates: keep the text as decoded; the masks still apply.
        }

        var output = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c is '\u3002' or '\uFF61' or '\uFE52')
            {
                output.Append('.');
            }
            else if (char.IsWhiteSpace(c))
            {
                output.Append(' ');
            }
            else if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    private static bool TryHexByte(ReadOnlySpan<char> hex, out int value) =>
        int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    /// <summary>A numeric reference (<c>&amp;#64;</c>, <c>&amp;#x40;</c>) or a few named ones, up to the semicolon.</summary>
    private static bool TryEntity(ReadOnlySpan<char> text, out string value, out int length)
    {
        value = string.Empty;
        length = 0;
        var end = text[..Math.Min(text.Length, 12)].IndexOf(';');
        if (end < 3)
        {
            return false;
        }

        var name = text[1..end];
        if (name[0] == '#')
        {
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
                "nbsp" => " ",
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
