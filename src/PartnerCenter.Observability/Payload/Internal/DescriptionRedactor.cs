using System.Text;
using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// Masks values that must not leave the process in a description that matched no catalogue template. The text is
/// normalised first (<see cref="DescriptionNormalizer"/>: percent-escapes, HTML references, NFKC, no control, zero-width
/// or bidi characters), then: IBANs become <c>{iban}</c>; phone and card numbers written in groups, and runs of five or
/// more digits, <c>{number}</c>; URLs <c>{url}</c>; emails (also cut short) <c>{email}</c>; host names <c>{domain}</c>;
/// GUIDs (D and N forms) <c>{guid}</c>; the value of a secret-named key (<c>password=</c>, <c>client_secret=</c>,
/// <c>AccountKey=</c>, <c>SharedAccessKey=</c>, <c>sig=</c>, <c>token:</c>, ...) <c>{secret}</c>; JWTs, the word after
/// Bearer/Basic and opaque tokens of 32+ characters <c>{token}</c>; query strings <c>?{query}</c>. White space is
/// collapsed; the result is cut to the maximum length at a word boundary, so that no word is cut (and kept) half-way.
/// </summary>
internal static partial class DescriptionRedactor
{
    private const int GuidLength = 36;
    private const int LongTokenLength = 32;
    private const int LongDigitRun = 5;
    private const int GroupedNumberDigits = 7;

    // Data: SecretKeyNameTests checks every name against a list of its own, and an emptied name ends every key, so any
    // key-value test kills it. Built in a static initializer, each such mutant would cost a session of the whole unit filter.
    // Stryker disable once String : secret key names (data, static): an emptied name masks every key; each name is tested by name
    private static readonly string[] SecretKeySuffixes =
        ["password", "passwd", "pwd", "secret", "key", "token", "sig", "signature", "credential", "credentials", "connectionstring"];

    public static string Redact(ReadOnlySpan<char> description, int maxLength)
    {
        var input = description.Length > maxLength * 4 ? description[..(maxLength * 4)] : description;
        var text = MaskGroupedNumbers(DescriptionNormalizer.Normalize(input));
        var output = new StringBuilder(Math.Min(text.Length, maxLength + 8));
        var maskNext = false;
        var i = 0;
        while (i < text.Length && output.Length <= maxLength)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                if (output.Length > 0)
                {
                    output.Append(' ');
                }

                continue;
            }

            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            var word = text.AsSpan(i, end - i);
            i = end;
            if (maskNext)
            {
                output.Append("{token}");
                maskNext = false;
                continue;
            }

            maskNext = word.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || word.Equals("Basic", StringComparison.OrdinalIgnoreCase)
                || (word.Length > 1 && word[^1] is ':' or '=' && IsSecretKey(word[..^1]));
            AppendWord(output, word);
        }

        return Cut(output.ToString().TrimEnd(), maxLength);
    }

    /// <summary>Cuts at a word boundary: a word that does not fit whole is dropped, never kept in part.</summary>
    private static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.AsSpan(0, maxLength - 1);
        if (text[maxLength - 1] != ' ')
        {
            var space = cut.LastIndexOf(' ');
            cut = cut[..Math.Max(0, space)];
        }

        return string.Concat(cut.TrimEnd(), "…");
    }

    private static string MaskGroupedNumbers(string text)
    {
        text = Iban().Replace(text, "{iban}");
        return GroupedNumber().Replace(text, static match =>
        {
            var digits = 0;
            foreach (var c in match.ValueSpan)
            {
                digits += char.IsAsciiDigit(c) ? 1 : 0;
            }

            return digits >= GroupedNumberDigits ? "{number}" : match.Value;
        });
    }

    private static void AppendWord(StringBuilder output, ReadOnlySpan<char> word)
    {
        var query = word.IndexOf('?');
        var tail = ReadOnlySpan<char>.Empty;
        if (query >= 0 && query < word.Length - 1)
        {
            tail = "?{query}";
            word = word[..query];
        }

        // Keep surrounding punctuation such as "(", ")", "," and a final full stop.
        var start = 0;
        while (start < word.Length && IsWrapper(word[start]))
        {
            start++;
        }

        var stop = word.Length;
        while (stop > start && IsWrapper(word[stop - 1]))
        {
            stop--;
        }

        output.Append(word[..start]);
        AppendCore(output, word[start..stop]);
        output.Append(word[stop..]).Append(tail);
    }

    private static void AppendCore(StringBuilder output, ReadOnlySpan<char> core)
    {
        if (core.Contains("://", StringComparison.Ordinal))
        {
            output.Append("{url}");
            return;
        }

        if (core.Contains('='))
        {
            AppendPairs(output, core);
            return;
        }

        // "token:eyJ...", "password:hunter2": a secret-named key glued to its value.
        var colon = core.IndexOf(':');
        if (colon > 0 && colon < core.Length - 1 && IsSecretKey(core[..colon]))
        {
            output.Append(core[..(colon + 1)]).Append("{secret}");
            return;
        }

        // An '@' after the first character ("@jane@contoso.com" is an email too), whatever follows it: an email cut
        // short ("jane.doe@conto", "jane.doe@") or with an odd domain ("admin@-0.0e-5fabrikam...") is still an email.
        if (core.LastIndexOf('@') > 0)
        {
            output.Append("{email}");
            return;
        }

        if (IsHostName(core))
        {
            output.Append("{domain}");
            return;
        }

        AppendRuns(output, core);
    }

    /// <summary><c>k=v</c> pairs separated by <c>;</c>, <c>&amp;</c> or <c>,</c>: the value of a secret-named key is masked, others are masked as any text.</summary>
    private static void AppendPairs(StringBuilder output, ReadOnlySpan<char> core)
    {
        var start = 0;
        while (start <= core.Length)
        {
            var length = core[start..].IndexOfAny(';', '&', ',');
            var part = length < 0 ? core[start..] : core.Slice(start, length);
            var equals = part.IndexOf('=');
            if (equals > 0)
            {
                // The key is text like any other ("jane@contoso.com=x" is still an email).
                var key = part[..equals];
                AppendCore(output, key);
                output.Append('=');
                if (IsSecretKey(key))
                {
                    output.Append("{secret}");
                }
                else
                {
                    AppendCore(output, part[(equals + 1)..]);
                }
            }
            else if (equals == 0)
            {
                // No key: the rest is text like any other ("=jane@contoso.com").
                output.Append('=');
                AppendCore(output, part[1..]);
            }
            else
            {
                AppendCore(output, part);
            }

            if (length < 0)
            {
                break;
            }

            output.Append(core[start + length]);
            start += length + 1;
        }
    }

    /// <summary>Runs of token characters: JWTs and long opaque runs masked whole; GUIDs and digit runs masked inside a run.</summary>
    private static void AppendRuns(StringBuilder output, ReadOnlySpan<char> core)
    {
        var j = 0;
        while (j < core.Length)
        {
            if (!IsTokenChar(core[j]))
            {
                output.Append(core[j]);
                j++;
                continue;
            }

            var end = j;
            while (end < core.Length && IsTokenChar(core[end]))
            {
                end++;
            }

            var run = core[j..end];
            j = end;
            if (run.Length >= 16 && run.StartsWith("eyJ", StringComparison.Ordinal))
            {
                output.Append("{token}");
            }
            else if (run.Length >= LongTokenLength && IsGuidDOrN(run))
            {
                output.Append("{guid}");
            }
            else if (run.Length >= LongTokenLength && IsOpaque(run))
            {
                output.Append("{token}");
            }
            else
            {
                AppendIdsAndNumbers(output, run);
            }
        }
    }

    /// <summary>GUIDs and digit runs inside a word ("subscriptions/5c7b...", "order#1234567").</summary>
    private static void AppendIdsAndNumbers(StringBuilder output, ReadOnlySpan<char> core)
    {
        var j = 0;
        while (j < core.Length)
        {
            if (j + GuidLength <= core.Length && LooksLikeGuid(core.Slice(j, GuidLength)))
            {
                output.Append("{guid}");
                j += GuidLength;
                continue;
            }

            if (char.IsAsciiDigit(core[j]))
            {
                var run = j;
                while (run < core.Length && char.IsAsciiDigit(core[run]))
                {
                    run++;
                }

                // A GUID may start inside the run ("x15c7b6c43-..."): the run stops there, so that the GUID is masked.
                for (var k = j + 1; k < run; k++)
                {
                    if (k + GuidLength <= core.Length && LooksLikeGuid(core.Slice(k, GuidLength)))
                    {
                        run = k;
                        break;
                    }
                }

                output.Append(run - j >= LongDigitRun ? "{number}" : core[j..run]);
                j = run;
                continue;
            }

            output.Append(core[j]);
            j++;
        }
    }

    private static bool IsSecretKey(ReadOnlySpan<char> key)
    {
        key = key.Trim("\"'{[(");
        foreach (var suffix in SecretKeySuffixes)
        {
            if (key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Dot-separated lower-case labels, the last one two or more letters: <c>contoso.onmicrosoft.com</c>.</summary>
    private static bool IsHostName(ReadOnlySpan<char> text)
    {
        var lastDot = text.LastIndexOf('.');
        if (lastDot <= 0 || text.Length - lastDot - 1 < 2 || text.IndexOf("..", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        foreach (var c in text[(lastDot + 1)..])
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWrapper(char c) => c is '(' or ')' or '[' or ']' or '"' or '\'' or ',' or ';' or ':' or '.' or '<' or '>';

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=' or '.' or '~' or '%';

    /// <summary>A long run that is not a dotted name of words: it has a digit or a character words do not have.</summary>
    private static bool IsOpaque(ReadOnlySpan<char> run)
    {
        foreach (var c in run)
        {
            if (char.IsAsciiDigit(c) || c is '~' or '+' or '=' or '_' or '%')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGuidDOrN(ReadOnlySpan<char> text) =>
        (text.Length == GuidLength && LooksLikeGuid(text)) || (text.Length == 32 && Guid.TryParseExact(text, "N", out _));

    private static bool LooksLikeGuid(ReadOnlySpan<char> text) =>
        text.Length == GuidLength && text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-' && Guid.TryParseExact(text, "D", out _);

    [GeneratedRegex(@"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Iban();

    [GeneratedRegex(@"\+?\(?[0-9]{1,4}\)?(?:[ .-]\(?[0-9]{1,5}\)?){2,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex GroupedNumber();
}
