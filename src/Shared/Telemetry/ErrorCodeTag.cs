namespace PartnerCenter.Observability.Telemetry;

/// <summary>
/// The one rule for what an error code may become in telemetry. Real Partner Center codes are short numbers (at most
/// <see cref="MaxDigits"/> digits) or short names (<c>InvalidAuthenticationToken</c>); such a code is tag-safe and goes
/// out as it is. Anything else (a GUID, an email, a JWT, a token, a host name, a long number, control characters) is
/// never a tag value: metrics get <c>other</c>, spans, logs and exception messages get a redacted form that names only
/// the shape (<c>{guid}</c>, <c>{email}</c>, <c>{token}</c>, <c>{domain}</c>, <c>{number}</c>, <c>{redacted}</c>).
/// </summary>
internal static class ErrorCodeTag
{
    /// <summary>The most digits a numeric code may have (documented codes have at most seven).</summary>
    public const int MaxDigits = 9;

    /// <summary>The longest name a named code may have.</summary>
    public const int MaxNameLength = 48;

    /// <summary>The most digits a named code may contain (names are words, not opaque strings).</summary>
    public const int MaxDigitsInName = 4;

    /// <summary>The code of a classification for spans, logs and messages: catalogued codes as they are, else <see cref="ForSpan(string?)"/>.</summary>
    public static string? ForSpan(PartnerCenterErrorClassification classification) =>
        IsCatalogued(classification) ? classification.Code : ForSpan(classification.Code);

    /// <summary>Whether the code is the catalogue's own instance (a documented code, tag-safe by construction).</summary>
    public static bool IsCatalogued(PartnerCenterErrorClassification classification) =>
        classification.Code is { } code && classification.Definition is { } definition && ReferenceEquals(definition.Code, code);

    /// <summary>The code for spans, logs and messages: the code itself when tag-safe, else a redacted form.</summary>
    public static string? ForSpan(string? code) => code is null ? null : IsTagSafe(code) ? code : Redacted(code);

    /// <summary>The code as a bounded metric tag value: the code itself when tag-safe, else <c>other</c>.</summary>
    public static string? ForMetric(string? code) => code is null ? null : IsTagSafe(code) ? code : PartnerCenterTelemetryNames.Values.Other;

    /// <summary>Whether <paramref name="code"/> has the shape of a real Partner Center code: a short number or a short name.</summary>
    public static bool IsTagSafe(string code)
    {
        if (code.Length == 0)
        {
            return false;
        }

        if (IsAllDigits(code))
        {
            return code.Length <= MaxDigits;
        }

        // A name: a letter, then letters, digits and underscores (no '-', '.', '@', ':' or '/': those make ids, hosts,
        // emails and tokens), few digits.
        if (code.Length > MaxNameLength || !char.IsAsciiLetter(code[0]))
        {
            return false;
        }

        var digits = 0;
        foreach (var c in code)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!(char.IsAsciiLetter(c) || c == '_'))
            {
                return false;
            }
        }

        return digits <= MaxDigitsInName && !LooksLikeHex(code);
    }

    /// <summary>The shape of a code that is not tag-safe, never its value.</summary>
    public static string Redacted(string code)
    {
        var trimmed = code.AsSpan().Trim();
        if (Guid.TryParse(trimmed, out _))
        {
            return "{guid}";
        }

        if (trimmed.LastIndexOf('@') > 0)
        {
            return "{email}";
        }

        if (trimmed.Length > 0 && IsAllDigits(trimmed))
        {
            return "{number}";
        }

        if (!trimmed.StartsWith("eyJ", StringComparison.Ordinal) && IsHostName(trimmed))
        {
            return "{domain}";
        }

        foreach (var c in trimmed)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '+' or '/' or '='))
            {
                return "{redacted}";
            }
        }

        return trimmed.Length > 0 ? "{token}" : "{redacted}";
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Eight or more characters, all hexadecimal, with both letters and digits: an id, not a word.</summary>
    private static bool LooksLikeHex(string code)
    {
        if (code.Length < 8)
        {
            return false;
        }

        var digits = 0;
        foreach (var c in code)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }

            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits > 0;
    }

    /// <summary>Dot-separated labels of letters, digits and hyphens, the last one all letters (a top-level domain).</summary>
    private static bool IsHostName(ReadOnlySpan<char> text)
    {
        var lastDot = text.LastIndexOf('.');
        if (lastDot <= 0 || lastDot == text.Length - 1)
        {
            return false;
        }

        foreach (var c in text[(lastDot + 1)..])
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
