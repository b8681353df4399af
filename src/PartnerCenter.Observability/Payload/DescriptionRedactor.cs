using System.Text;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// Masks values that must not leave the process in a description that matched no catalogue template, in one pass over
/// at most four times the output length: emails become <c>{email}</c>, GUIDs <c>{guid}</c>, query strings
/// <c>?{query}</c>, the word after Bearer/Basic and opaque tokens of 32+ characters <c>{token}</c>, and runs of five or
/// more digits <c>{number}</c>. White space is collapsed and the result is cut to the maximum length.
/// </summary>
internal static class DescriptionRedactor
{
    private const int GuidLength = 36;
    private const int LongTokenLength = 32;
    private const int LongDigitRun = 5;

    public static string Redact(ReadOnlySpan<char> description, int maxLength)
    {
        var input = description.Length > maxLength * 4 ? description[..(maxLength * 4)] : description;
        var output = new StringBuilder(Math.Min(input.Length, maxLength + 8));
        var maskNext = false;
        var i = 0;
        while (i < input.Length && output.Length <= maxLength)
        {
            if (char.IsWhiteSpace(input[i]))
            {
                while (i < input.Length && char.IsWhiteSpace(input[i]))
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
            while (end < input.Length && !char.IsWhiteSpace(input[end]))
            {
                end++;
            }

            var word = input[i..end];
            i = end;
            if (maskNext)
            {
                output.Append("{token}");
                maskNext = false;
                continue;
            }

            maskNext = word.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || word.Equals("Basic", StringComparison.OrdinalIgnoreCase);
            AppendWord(output, word);
        }

        var text = output.ToString().TrimEnd();
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
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
        // The first '@' after the first character ("@jane@contoso.com" is an email too), with a dot after it.
        var at = core.Length > 1 ? core[1..].IndexOf('@') + 1 : 0;
        if (at > 0 && core[(at + 1)..].Contains('.'))
        {
            output.Append("{email}");
            return;
        }

        if (core.Length >= LongTokenLength && IsOpaqueToken(core))
        {
            output.Append(LooksLikeGuid(core) ? "{guid}" : "{token}");
            return;
        }

        // GUIDs and digit runs inside a word ("subscriptions/5c7b...", "order#1234567").
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

                if (run - j >= LongDigitRun)
                {
                    output.Append("{number}");
                }
                else
                {
                    output.Append(core[j..run]);
                }

                j = run;
                continue;
            }

            output.Append(core[j]);
            j++;
        }
    }

    private static bool IsWrapper(char c) => c is '(' or ')' or '[' or ']' or '"' or '\'' or ',' or ';' or ':' or '.' or '<' or '>';

    private static bool IsOpaqueToken(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeGuid(ReadOnlySpan<char> text) =>
        text.Length == GuidLength && text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-' && Guid.TryParseExact(text, "D", out _);
}
