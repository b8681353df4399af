namespace PartnerCenter.Observability.Classification;

/// <summary>One phrase of the fallback rules: found when it starts a word of the text, ignoring case.</summary>
internal sealed class FallbackSignal
{
    public FallbackSignal(string phrase, PartnerCenterErrorCategory category, int weight)
    {
        Phrase = phrase;
        Category = category;
        Weight = weight;
    }

    public string Phrase { get; }

    public PartnerCenterErrorCategory Category { get; }

    public int Weight { get; }

    public bool IsIn(ReadOnlySpan<char> text)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf(Phrase, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

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
