namespace PartnerCenter.Observability.Telemetry;

/// <summary>
/// The one rule for what an error code may become in telemetry, by allowlist. A code goes out as it is only when it is
/// the catalogue's own (a documented code, as the catalogue writes it) or digits only (at most <see cref="MaxDigits"/>
/// of them: an uncataloged Partner Center code is a short number). Anything else (a name the catalogue does not have,
/// a GUID, an email, a key, a token, a person's name) is never a value: metrics get <c>other</c>; spans, logs and
/// exception messages get its shape only (<c>{guid}</c>, <c>{email}</c>, <c>{token}</c>, <c>{domain}</c>,
/// <c>{number}</c>, <c>{redacted}</c>).
/// </summary>
internal static class ErrorCodeTag
{
    /// <summary>The most digits a numeric code may have (documented codes have at most seven).</summary>
    public const int MaxDigits = 9;

    /// <summary>The code of a classification for spans, logs and messages: catalogued codes as they are, else <see cref="ForSpan(string?)"/>.</summary>
    public static string? ForSpan(PartnerCenterErrorClassification classification) =>
        IsCatalogued(classification) ? classification.Code : ForSpan(classification.Code);

    /// <summary>Whether the code is the catalogue's own instance (a documented code, tag-safe by construction).</summary>
    public static bool IsCatalogued(PartnerCenterErrorClassification classification) =>
        classification.Code is { } code && classification.Definition is { } definition && ReferenceEquals(definition.Code, code);

    /// <summary>The code for spans, logs and messages: the code itself when tag-safe, else its shape.</summary>
    public static string? ForSpan(string? code) => code is null ? null : IsTagSafe(code) ? code : Redacted(code);

    /// <summary>The code as a bounded metric tag value: the code itself when tag-safe, else <c>other</c>.</summary>
    public static string? ForMetric(string? code) => code is null ? null : IsTagSafe(code) ? code : PartnerCenterTelemetryNames.Values.Other;

    /// <summary>
    /// Whether <paramref name="code"/> may go out as it is: one to <see cref="MaxDigits"/> ASCII digits, or a code the
    /// catalogue documents, written exactly as the catalogue writes it.
    /// </summary>
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

        return PartnerCenterErrorCatalog.TryFindByCode(code, out var definition) && string.Equals(definition.Code, code, StringComparison.Ordinal);
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
