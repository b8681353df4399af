namespace PartnerCenter.Observability.Payload;

/// <summary>
/// The second line behind the allowlist, for a secret made of known words ("password = correct horse battery"): the
/// value after a secret-named key and a separator (<c>password=</c>, <c>Password :</c>, <c>"password" : "..."</c>,
/// <c>&lt;Password&gt;...&lt;/Password&gt;</c>, <c>Authorization: Token ...</c>, <c>Bearer: ...</c>) becomes
/// <c>{secret}</c> up to the closing quote or the next <c>; &amp; , &lt;</c>, or the end; the word after an auth
/// scheme (<c>Bearer x</c>, <c>Basic x</c>) becomes <c>{token}</c>.
/// </summary>
internal static class DescriptionSecrets
{
    // Stryker disable once String : secret key names (data); each is tested by name
    private static readonly string[] KeySuffixes =
    [
        "password", "passwd", "pwd", "passphrase", "pass", "secret", "key", "token", "sig", "signature", "credential",
        "credentials", "connectionstring", "authorization", "auth", "cookie", "sas", "pin", "otp", "bearer", "basic",
    ];

    // Stryker disable once String : auth scheme names (data); each is tested by name
    private static readonly string[] Schemes = ["bearer", "basic", "digest", "negotiate", "ntlm", "sharedaccesssignature"];

    public static void Mask(ReadOnlySpan<char> text, List<DescriptionSegment> segments)
    {
        // No separator and no scheme-like word: nothing to look for (the common case).
        var separators = text.ContainsAny(':', '=', '>');
        for (var i = 0; i < segments.Count; i++)
        {
            var key = segments[i];

            // Stryker disable once Block,Statement : a filter only; a segment it skips is a number, one character, or a word that is no scheme in a text with no separator, which no key name or scheme matches.
            if (!key.IsText || key.Kind == DescriptionSegmentKind.Number || (!separators && !MayBeScheme(text, key)))
            {
                continue;
            }

            // A closing tag ("</Password>") ends a value, it opens none.
            if (i > 0 && segments[i - 1].IsPunctuation(text, '/'))
            {
                continue;
            }

            // The separator is looked for first (cheap); the names only when there is one, or a word after a scheme.
            var j = i + 1;
            var separator = false;
            char quote = '\0';
            while (j < segments.Count && (segments[j].Kind == DescriptionSegmentKind.Space || IsQuote(text, segments[j]) || (!separator && IsSeparator(text, segments[j]))))
            {
                if (segments[j].Kind == DescriptionSegmentKind.Punctuation)
                {
                    var c = text[segments[j].Start];
                    if (IsSeparator(text, segments[j]))
                    {
                        separator = true;
                        quote = '\0';
                    }
                    else if (separator)
                    {
                        quote = c;
                    }
                }

                j++;
            }

            var name = text.Slice(key.Start, key.Length);
            if (separator)
            {
                if (IsOneOf(name, KeySuffixes, suffix: true))
                {
                    MaskValue(text, segments, j, quote);
                }
            }
            else if (j < segments.Count && segments[j].IsText && IsOneOf(name, Schemes, suffix: false))
            {
                segments[j] = new(DescriptionSegmentKind.Shape, segments[j].Start, segments[j].Length, DescriptionShapes.Token);
            }
        }
    }

    /// <summary>Replaces the segments from <paramref name="from"/> to the value's end with one <c>{secret}</c>.</summary>
    private static void MaskValue(ReadOnlySpan<char> text, List<DescriptionSegment> segments, int from, char quote)
    {
        var to = from;
        while (to < segments.Count && !IsEnd(text, segments[to], quote))
        {
            to++;
        }

        // Trailing spaces stay outside the value.
        var last = to;
        while (last > from && segments[last - 1].Kind == DescriptionSegmentKind.Space)
        {
            last--;
        }

        if (last == from)
        {
            return;
        }

        var start = segments[from].Start;
        segments.RemoveRange(from + 1, last - from - 1);
        segments[from] = new(DescriptionSegmentKind.Shape, start, 0, DescriptionShapes.Secret);
    }

    private static bool IsEnd(ReadOnlySpan<char> text, DescriptionSegment segment, char quote) =>
        segment.Kind == DescriptionSegmentKind.Punctuation && (quote != '\0' ? text[segment.Start] == quote : text[segment.Start] is ';' or '&' or ',' or '<' or '"' or '\'' or ')' or ']' or '}');

    private static bool IsQuote(ReadOnlySpan<char> text, DescriptionSegment segment) =>
        segment.Kind == DescriptionSegmentKind.Punctuation && text[segment.Start] is '"' or '\'' or '`';

    private static bool IsSeparator(ReadOnlySpan<char> text, DescriptionSegment segment) =>
        segment.Kind == DescriptionSegmentKind.Punctuation && text[segment.Start] is ':' or '=' or '>';

    /// <summary>A cheap filter: the schemes are 4 to 21 letters long and start with b, d, n or s.</summary>
    private static bool MayBeScheme(ReadOnlySpan<char> text, DescriptionSegment segment) =>
        segment.Length is >= 4 and <= 21 && (text[segment.Start] | 0x20) is 'b' or 'd' or 'n' or 's';

    private static bool IsOneOf(ReadOnlySpan<char> name, string[] names, bool suffix)
    {
        foreach (var candidate in names)
        {
            if (suffix ? name.EndsWith(candidate, StringComparison.OrdinalIgnoreCase) : name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
