using System.Text;
using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// The phrase rules look only where a word starts and only at the phrases that share its first two letters; that must
/// give the answer of the plain rule it replaces: every phrase searched for in the whole text (ignoring case), counted
/// where it starts a word, the heaviest found deciding, ties in the order conflict, quota, eligibility, auth, validation.
/// Seeded texts of phrases, their fragments, near-misses, non-ASCII letters that fold to ASCII, digits and punctuation.
/// </summary>
public sealed class FallbackRulesSearchTests
{
    private static readonly PartnerCenterErrorCategory[] TieOrder =
    [
        PartnerCenterErrorCategory.Conflict, PartnerCenterErrorCategory.Quota, PartnerCenterErrorCategory.Eligibility,
        PartnerCenterErrorCategory.Auth, PartnerCenterErrorCategory.Validation,
    ];

    private static readonly string[] Fillers =
    [
        "the", "x", "prole", "admin2role", "nota", "no", "n", "is", "ISN'T", "can’t", "\u212Aey", "ſuspended", "ınvalid",
        "İnvalid", "é", "über", "42", "{0}", "5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11", "DZH318Z0BQ3Q", "app", "be", "not",
    ];

    private static readonly string[] Separators = [" ", " ", " ", "  ", "-", ", ", ".", "", "2", "_", "'", "+", "\n", "é"];

    [Fact]
    public void Looking_where_words_start_gives_the_answer_of_searching_everywhere()
    {
        var random = new Random(2828);
        var phrases = FallbackRules.Signals.Select(s => s.Phrase).ToArray();
        var found = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = Text(random, phrases);
            var expected = Reference(text);
            Assert.True(FallbackRules.TryClassify(400, text, out var category) == (expected != PartnerCenterErrorCategory.Unknown), text);
            Assert.True(expected == category, $"'{text}': {category}, searching everywhere {expected}");
            found += expected == PartnerCenterErrorCategory.Unknown ? 0 : 1;
        }

        // Both kinds of text are generated in numbers: some with a phrase, some without.
        Assert.InRange(found, 500, 2500);
    }

    private static string Text(Random random, string[] phrases)
    {
        var text = new StringBuilder();
        var words = random.Next(1, 7);
        for (var w = 0; w < words; w++)
        {
            var word = random.Next(4) switch
            {
                0 => phrases[random.Next(phrases.Length)],
                1 => Fragment(random, phrases[random.Next(phrases.Length)]),
                _ => Fillers[random.Next(Fillers.Length)],
            };
            text.Append(random.Next(3) == 0 ? word.ToUpperInvariant() : word);
            text.Append(Separators[random.Next(Separators.Length)]);
        }

        return text.ToString();
    }

    // A phrase cut short, grown by a letter, or with one letter changed.
    private static string Fragment(Random random, string phrase) => random.Next(3) switch
    {
        0 => phrase[..random.Next(1, phrase.Length)],
        1 => phrase + (char)('a' + random.Next(26)),
        _ => phrase.Remove(random.Next(phrase.Length), 1).Insert(random.Next(phrase.Length - 1), ((char)('a' + random.Next(26))).ToString()),
    };

    private static PartnerCenterErrorCategory Reference(string text)
    {
        var best = 0;
        var category = PartnerCenterErrorCategory.Unknown;
        foreach (var signal in FallbackRules.Signals.Where(s => StartsAWord(text, s.Phrase)))
        {
            if (signal.Weight > best || (signal.Weight == best && Array.IndexOf(TieOrder, signal.Category) < Array.IndexOf(TieOrder, category)))
            {
                (best, category) = (signal.Weight, signal.Category);
            }
        }

        return category;
    }

    private static bool StartsAWord(string text, string phrase)
    {
        for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
