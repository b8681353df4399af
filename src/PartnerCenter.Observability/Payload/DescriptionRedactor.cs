using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Payload;

/// <summary>Masks values that must not leave the process in a description that matched no catalogue template.</summary>
internal static partial class DescriptionRedactor
{
    public static string Redact(ReadOnlySpan<char> description, int maxLength)
    {
        // Bound the work before running any pattern: at most four times the output length is examined.
        var input = description.Length > maxLength * 4 ? description[..(maxLength * 4)] : description;
        var text = input.ToString();
        text = Email().Replace(text, "{email}");
        text = Guid().Replace(text, "{guid}");
        text = Query().Replace(text, "?{query}");
        text = Bearer().Replace(text, "$1 {token}");
        text = LongToken().Replace(text, "{token}");
        text = Digits().Replace(text, "{number}");
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
    }

    [GeneratedRegex(@"[^\s@""'<>(),;:]+@[^\s@""'<>(),;:]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Guid();

    [GeneratedRegex(@"\?[^\s""'<>]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Query();

    [GeneratedRegex(@"\b(Bearer|Basic)\s+\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"[A-Za-z0-9_\-+/=.]{32,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex LongToken();

    [GeneratedRegex(@"\d{5,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Digits();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Whitespace();
}
