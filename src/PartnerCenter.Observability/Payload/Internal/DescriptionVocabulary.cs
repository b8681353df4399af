using System.Collections.Frozen;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// The words an uncatalogued description may keep: the catalogue's own wording (every template and other wording, as
/// written) and a shipped English word list (<c>Payload/Data/english-words.txt</c>, SCOWL, licence beside it). Loaded
/// once, on first use.
/// </summary>
internal static class DescriptionVocabulary
{
    private const string WordListResource = "PartnerCenter.Observability.english-words.txt";

    private static readonly FrozenSet<string> Catalogue = CatalogueWords();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CatalogueExact =
        Catalogue.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CatalogueAnyCase =
        Catalogue.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    // In lower case (the list is), so that a lower-case word is looked up once, by ordinal.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Common =
        EnglishWords().Concat(Catalogue.Select(w => w.ToLowerInvariant())).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many words the shipped list and the catalogue give (for tests and docs).</summary>
    public static int Count => Common.Set.Count;

    /// <summary>
    /// Whether <paramref name="word"/> (letters, perhaps one apostrophe) is a known word as written: in the catalogue's
    /// wording as written; or in lower case and a known word; or capitalised and a catalogue word in any case. A
    /// capitalised word the catalogue does not have (a name: "Smith", "Rose", even at the start of a sentence) and
    /// words in capitals that the catalogue does not write so are not known.
    /// </summary>
    public static bool IsKnown(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return false;
        }

        if (word.EndsWith("'s", StringComparison.Ordinal) && word.Length > 2)
        {
            word = word[..^2];
        }

        // One lookup: the lower-case list holds the catalogue's words in lower case, the any-case catalogue its words as written.
        var first = word[0];
        var restLower = true;
        foreach (var c in word[1..])
        {
            // Words are short: a plain loop, cheaper than a vectorised search's setup.
            restLower &= char.IsAsciiLetterLower(c) || c == '\'';
        }

        if (char.IsAsciiLetterLower(first) && restLower)
        {
            return Common.Contains(word);
        }

        // A sentence start does not open the English list to capitalised words: names start sentences too.
        return char.IsAsciiLetterUpper(first) && restLower ? CatalogueAnyCase.Contains(word) : CatalogueExact.Contains(word);
    }

    /// <summary>Whether the catalogue's wording has <paramref name="word"/> exactly as written.</summary>
    public static bool IsCatalogueWord(ReadOnlySpan<char> word) => CatalogueExact.Contains(word);

    private static string[] EnglishWords()
    {
        using var stream = typeof(DescriptionVocabulary).Assembly.GetManifestResourceStream(WordListResource);
        // Stryker disable once Block : only a build without the embedded list gets here; this assembly always embeds it.
        if (stream is null)
        {
            // A build without the list keeps the catalogue's words only: stricter, never looser.
            return [];
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The letter runs of every template and other wording (placeholders such as <c>{0}</c> left out).</summary>
    private static FrozenSet<string> CatalogueWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in PartnerCenterErrorCatalog.Definitions)
        {
            Add(words, definition.Template);
            foreach (var wording in definition.OtherWordings)
            {
                Add(words, wording);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }

    private static void Add(HashSet<string> words, string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsAsciiLetter(text[i]) || (text[i] == '\'' && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]))))
            {
                i++;
            }

            // A letter run right after '{' is a placeholder's name, never a word of the wording.
            if (start == 0 || text[start - 1] != '{')
            {
                words.Add(text[start..i]);
            }
        }
    }
}
