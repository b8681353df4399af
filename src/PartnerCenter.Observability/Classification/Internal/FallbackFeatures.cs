namespace PartnerCenter.Observability.Classification;

/// <summary>
/// The features of a description for the learned fallback (<see cref="FallbackModel"/>): its words and pairs of
/// adjacent words, each as a 64-bit hash. Allocation-free: a ref struct that walks the text once.
/// </summary>
/// <remarks>
/// Words are runs of letters and digits, lower-cased; an apostrophe inside a word is dropped. A contraction in
/// <c>n't</c> becomes its word and "not" (<c>isn't</c> → "is not", <c>can't</c> → "can not", <c>won't</c> → "will not"),
/// and "cannot" → "can not", so that editions that spell them differently read the same. Anything that is an id
/// rather than a word is reduced to one shape, <c>#</c>: a word with a digit in it (numbers, <c>{0}</c> placeholders,
/// codes, ids such as <c>a1b2</c>) and a GUID. So no value a caller sends can become a feature of its own.
/// </remarks>
internal ref struct FallbackFeatures
{
    /// <summary>The hash of the shape every id-like word is reduced to.</summary>
    public static ulong IdShape { get; } = HashWord("#");

    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private const int GuidLength = 36;

    private readonly ReadOnlySpan<char> _text;
    private int _position;
    private ulong _previous;
    private ulong _pendingWord;
    private ulong _pendingPair;
    private bool _hasPrevious;
    private bool _hasPendingWord;
    private bool _hasPendingPair;
    private bool _notFollows;

    public FallbackFeatures(ReadOnlySpan<char> text)
    {
        _text = text;
    }

    /// <summary>The next feature: a word, or the pair it makes with the word before it (the pair comes first).</summary>
    public bool MoveNext(out ulong feature)
    {
        if (_hasPendingPair)
        {
            _hasPendingPair = false;
            feature = _pendingPair;
            return true;
        }

        if (_hasPendingWord)
        {
            _hasPendingWord = false;
            feature = _pendingWord;
            return true;
        }

        if (!NextWord(out var word))
        {
            feature = 0;
            return false;
        }

        if (_hasPrevious)
        {
            _pendingPair = Pair(_previous, word);
            _hasPendingPair = true;
        }

        _previous = word;
        _hasPrevious = true;
        _pendingWord = word;
        _hasPendingWord = true;
        return MoveNext(out feature);
    }

    /// <summary>The hash of one word as the features spell it (lower case, no apostrophe).</summary>
    public static ulong HashWord(ReadOnlySpan<char> word)
    {
        var hash = Offset;
        foreach (var c in word)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }

    /// <summary>The feature of an HTTP status: a hash no word can have (words never hold a colon).</summary>
    public static ulong Status(int statusCode) => Pair(StatusPrefix, (ulong)statusCode);

    /// <summary>The feature of the hand-weighted phrases' answer (<see cref="FallbackRules"/>): a hash no word can have.</summary>
    public static ulong Phrase(PartnerCenterErrorCategory category) => Pair(PhrasePrefix, (ulong)category);

    /// <summary>The hash of two adjacent words.</summary>
    public static ulong Pair(ulong first, ulong second) => ((first * Prime) ^ second ^ 0x9E3779B97F4A7C15) * Prime;

    private bool NextWord(out ulong word)
    {
        if (_notFollows)
        {
            _notFollows = false;
            word = Not;
            return true;
        }

        var text = _text;
        while (_position < text.Length && !char.IsLetterOrDigit(text[_position]))
        {
            _position++;
        }

        if (_position >= text.Length)
        {
            word = 0;
            return false;
        }

        if (IsGuidAt(text[_position..]))
        {
            _position += GuidLength;
            word = IdShape;
            return true;
        }

        var hash = Offset;
        var withoutLast = Offset;
        var hasDigit = false;
        char last = default;
        while (_position < text.Length)
        {
            var c = text[_position];

            // An ASCII letter (the common case) is lowered without the Unicode tables.
            var asciiLetter = char.IsAsciiLetter(c);
            if (asciiLetter || char.IsLetterOrDigit(c))
            {
                hasDigit |= !asciiLetter && char.IsDigit(c);
                last = asciiLetter ? (char)(c | 0x20) : char.ToLowerInvariant(c);
                withoutLast = hash;
                hash = (hash ^ last) * Prime;
                _position++;
                continue;
            }

            if (IsApostrophe(c) && _position + 1 < text.Length && char.IsLetter(text[_position + 1]))
            {
                if (last == 'n' && char.ToLowerInvariant(text[_position + 1]) == 't' && (_position + 2 >= text.Length || !char.IsLetterOrDigit(text[_position + 2])))
                {
                    // "isn't": the word without its n, then "not".
                    _position += 2;
                    _notFollows = true;
                    word = withoutLast == Ca ? Can : withoutLast == Wo ? Will : withoutLast;
                    return true;
                }

                _position++;
                continue;
            }

            break;
        }

        if (hasDigit)
        {
            word = IdShape;
        }
        else if (hash == Cannot)
        {
            _notFollows = true;
            word = Can;
        }
        else
        {
            word = hash;
        }

        return true;
    }

    private static readonly ulong Not = HashWord("not");

    private static readonly ulong Ca = HashWord("ca");

    private static readonly ulong Wo = HashWord("wo");

    private static readonly ulong Can = HashWord("can");

    private static readonly ulong Will = HashWord("will");

    private static readonly ulong Cannot = HashWord("cannot");

    private static readonly ulong StatusPrefix = HashWord("status:");

    private static readonly ulong PhrasePrefix = HashWord("phrase:");

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsGuidAt(ReadOnlySpan<char> text)
    {
        if (text.Length < GuidLength || (text.Length > GuidLength && char.IsLetterOrDigit(text[GuidLength])))
        {
            return false;
        }

        for (var i = 0; i < GuidLength; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? text[i] != '-' : !char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
