namespace PartnerCenter.Observability.Classification;

/// <summary>One phrase of the fallback rules: found when it starts a word of the text, ignoring case.</summary>
internal sealed class FallbackSignal(string phrase, PartnerCenterErrorCategory category, int weight)
{
    public string Phrase { get; } = phrase;

    public PartnerCenterErrorCategory Category { get; } = category;

    public int Weight { get; } = weight;

    public bool IsIn(ReadOnlySpan<char> text)
    {
        // Each place the phrase occurs, left to right, until one starts a word. Every step moves past the last place
        // found, so the search ends without a bound of its own.
        var from = 0;
        int at;
        while ((at = text[from..].IndexOf(Phrase, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            at += from;
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }
}
