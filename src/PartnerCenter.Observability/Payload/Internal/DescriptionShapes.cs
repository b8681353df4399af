using System.Buffers;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// What one compound of a description (a run of letters, digits and joiners <c>. - _ @ + ~ # %</c>) may become: known
/// words stay; short digits are a number left to <see cref="DescriptionNumbers"/>; anything else is written as its
/// shape (<c>{email}</c>, <c>{guid}</c>, <c>{ip}</c>, <c>{domain}</c>, <c>{token}</c>, <c>{id}</c>, <c>{number}</c>,
/// <c>{redacted}</c>), never as its text, nor in part.
/// </summary>
internal static class DescriptionShapes
{
    public const string Email = "{email}";
    public const string Guid = "{guid}";
    public const string Ip = "{ip}";
    public const string Domain = "{domain}";
    public const string Token = "{token}";
    public const string Id = "{id}";
    public const string Number = "{number}";
    public const string Redacted = "{redacted}";
    public const string Url = "{url}";
    public const string Query = "?{query}";
    public const string Secret = "{secret}";

    private const int GuidLength = 36;
    private const int LongRun = 20;

    public static bool IsJoiner(char c) => c is '.' or '-' or '_' or '@' or '+' or '~' or '#' or '%';

    public static DescriptionSegment Classify(ReadOnlySpan<char> text, int start, int length)
    {
        var c = text.Slice(start, length);

        // Letters only (most compounds): a known word, or a word's shape.
        if (!c.ContainsAnyExcept(Letters))
        {
            return ClassifyLetters(start, length, c);
        }

        if (c.Contains('@'))
        {
            return length == 1 ? new(DescriptionSegmentKind.Punctuation, start, 1) : Shape(start, length, Email);
        }

        if (ContainsGuid(c))
        {
            return Shape(start, length, Guid);
        }

        var letters = 0;
        var digits = 0;
        var other = 0;
        foreach (var ch in c)
        {
            if (char.IsAsciiLetter(ch))
            {
                // Stryker disable once Update : the count is only compared with zero, and counting down from zero never reaches it again.
                letters++;
            }
            else if (char.IsAsciiDigit(ch))
            {
                digits++;
            }
            else if (!IsJoiner(ch))
            {
                // Stryker disable once Update : the count is only compared with zero, and counting down from zero never reaches it again.
                other++;
            }
        }

        if (letters == 0 && other == 0)
        {
            if (digits == 0)
            {
                // Joiners only ("--", "#"): ASCII punctuation.
                return new(DescriptionSegmentKind.Word, start, length);
            }

            if (IsIPv4(c))
            {
                return Shape(start, length, Ip);
            }

            return c.ContainsAnyExcept(NumberChars) ? Shape(start, length, Number) : new(DescriptionSegmentKind.Number, start, length, digits: digits);
        }

        if (digits == 0 && AllKnown(c))
        {
            return new(DescriptionSegmentKind.Word, start, length);
        }

        if (other == 0 && IsHostName(c))
        {
            return Shape(start, length, Domain);
        }

        if (length >= LongRun || (length >= 16 && c.StartsWith("eyJ", StringComparison.Ordinal)))
        {
            return Shape(start, length, Token);
        }

        return Shape(start, length, digits > 0 ? Id : Redacted);
    }

    /// <summary>A compound of ASCII letters only: a known word, or a word's shape.</summary>
    public static DescriptionSegment ClassifyLetters(int start, int length, ReadOnlySpan<char> letters) =>
        DescriptionVocabulary.IsKnown(letters) ? new(DescriptionSegmentKind.Word, start, length)
            : Shape(start, length, length >= LongRun ? Token : Redacted);

    /// <summary>Dotted labels of letters, digits and hyphens, the last one two or more letters.</summary>
    public static bool IsHostName(ReadOnlySpan<char> text)
    {
        var lastDot = text.LastIndexOf('.');
        if (lastDot <= 0 || text.Length - lastDot - 1 < 2 || text.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return !text[(lastDot + 1)..].ContainsAnyExcept(Letters) && !text.ContainsAnyExcept(HostChars);
    }

    /// <summary>Two or more colons and nothing but hexadecimal digits, colons, dots and brackets: an IPv6 address.</summary>
    public static bool IsIPv6(ReadOnlySpan<char> text) =>
        text.Count(':') >= 2 && !text.ContainsAnyExcept(IPv6Chars) && text.ContainsAny(HexDigits);

    private static readonly SearchValues<char> HostChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");

    private static readonly SearchValues<char> IPv6Chars =
        SearchValues.Create("0123456789abcdefABCDEF:.[]/");

    private static readonly SearchValues<char> NumberChars =
        SearchValues.Create("0123456789.-");

    private static readonly SearchValues<char> HexDigits =
        SearchValues.Create("0123456789abcdefABCDEF");

    private static DescriptionSegment Shape(int start, int length, string shape) => new(DescriptionSegmentKind.Shape, start, length, shape);

    /// <summary>
    /// Every part between joiners is a known word (<see cref="DescriptionVocabulary.IsKnown"/>). Parts joined by dots
    /// (a namespace, a host) must be words of the catalogue as written, or single letters ("e.g").
    /// </summary>
    private static bool AllKnown(ReadOnlySpan<char> compound)
    {
        var dotted = compound.Contains('.');
        var rest = compound;
        while (true)
        {
            var end = rest.IndexOfAny(PartSeparators);
            var part = end < 0 ? rest : rest[..end];
            if (!part.IsEmpty && !IsKnownPart(part, dotted))
            {
                return false;
            }

            if (end < 0)
            {
                return true;
            }

            rest = rest[(end + 1)..];
        }
    }

    private static bool IsKnownPart(ReadOnlySpan<char> part, bool dotted)
    {
        if (part.ContainsAnyExcept(WordChars))
        {
            return false;
        }

        // Stryker disable once Logical : no known word has an apostrophe at one end only (the catalogue's and the list's are between letters).
        if (part[0] == '\'' || part[^1] == '\'')
        {
            return false;
        }

        return dotted
            ? part.Length == 1 || DescriptionVocabulary.IsCatalogueWord(part)
            : DescriptionVocabulary.IsKnown(part);
    }

    public static readonly SearchValues<char> Letters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static readonly SearchValues<char> PartSeparators =
        SearchValues.Create(".-_+~#%");

    private static readonly SearchValues<char> WordChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'");

    private static bool IsIPv4(ReadOnlySpan<char> text)
    {
        var groups = 0;
        foreach (var range in text.Split('.'))
        {
            var group = text[range];
            if (group.IsEmpty || group.Length > 3 || group.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            groups++;
        }

        return groups == 4;
    }

    /// <summary>A GUID anywhere in the compound: 8-4-4-4-12 hexadecimal digits, or 32 hexadecimal digits in a row.</summary>
    private static bool ContainsGuid(ReadOnlySpan<char> c)
    {
        var run = 0;
        for (var i = 0; i < c.Length; i++)
        {
            run = char.IsAsciiHexDigit(c[i]) ? run + 1 : 0;
            if (run == 32)
            {
                return true;
            }

            // Stryker disable once Arithmetic : IsGuidAt checks the same bound (36 characters from i - 8) again.
            if (c[i] == '-' && i >= 8 && i + 28 <= c.Length && IsGuidAt(c[(i - 8)..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGuidAt(ReadOnlySpan<char> c)
    {
        if (c.Length < GuidLength)
        {
            // Stryker disable once Boolean : unreachable from ContainsGuid, which calls only with 36 characters or more.
            return false;
        }

        for (var i = 0; i < GuidLength; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? c[i] != '-' : !char.IsAsciiHexDigit(c[i]))
            {
                return false;
            }
        }

        return true;
    }
}
