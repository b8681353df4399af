namespace PartnerCenter.Observability.Payload;

/// <summary>
/// What an uncatalogued description may become in telemetry, by allowlist. The text is normalised first
/// (<see cref="DescriptionNormalizer"/>), then split into segments (<see cref="DescriptionTokenizer"/>): a compound
/// stays only when each of its words is a known word (<see cref="DescriptionVocabulary"/>: the catalogue's wording and a
/// shipped English word list), a number only when short and alone (<see cref="DescriptionNumbers"/>), punctuation only
/// when ASCII; everything else is written as its shape (<c>{guid}</c>, <c>{email}</c>, <c>{id}</c>, ...), never as its
/// text (<see cref="DescriptionShapes"/>). Behind the allowlist, the value of a secret-named key is masked whole
/// (<see cref="DescriptionSecrets"/>). The input is read to four times the maximum length; when it is longer, its last
/// chunk (which the cut may have split) is dropped after normalising. The output is cut between segments, never inside.
/// </summary>
internal static class DescriptionRedactor
{
    public static string Redact(ReadOnlySpan<char> description, int maxLength)
    {
        var cap = maxLength * 4;
        var truncated = description.Length > cap;
        var cut = truncated ? description[..cap] : description;
        var text = DescriptionNormalizer.IsNormal(cut) ? cut : DescriptionNormalizer.Normalize(cut);
        if (truncated)
        {
            // The raw cut may have split a word, a secret or an id: its last chunk never comes out, in part or whole.
            var space = text.LastIndexOf(' ');
            // Stryker disable once Equality : at 0, text[..0] and default are both the empty text.
            text = space < 0 ? default : text[..space];
        }

        var segments = DescriptionTokenizer.Tokenize(text);
        DescriptionSecrets.Mask(text, segments);
        DescriptionNumbers.Mask(text, segments);
        return Write(text, segments, maxLength, truncated);
    }

    /// <summary>The segments as text, cut between segments with an ellipsis when longer than the maximum.</summary>
    private static string Write(ReadOnlySpan<char> text, List<DescriptionSegment> segments, int maxLength, bool truncated)
    {
        var size = Math.Max(maxLength, 0) + 1;
        // Stryker disable once Conditional,Equality : stack or heap, the buffer holds the same characters (performance only).
        var buffer = size <= 1024 ? stackalloc char[size] : new char[size];
        var length = 0;
        var cut = -1;
        var all = true;
        foreach (var segment in segments)
        {
            var piece = segment.Kind == DescriptionSegmentKind.Shape ? segment.Shape.AsSpan() : text.Slice(segment.Start, segment.Length);
            if (cut < 0 && length + piece.Length > maxLength - 1)
            {
                // Where the text ends, with an ellipsis, if it turns out not to fit.
                cut = length;
            }

            if (length + piece.Length > maxLength)
            {
                all = false;
                break;
            }

            piece.CopyTo(buffer[length..]);
            length += piece.Length;
        }

        if (!all || truncated)
        {
            length = cut < 0 ? length : cut;
            while (length > 0 && buffer[length - 1] == ' ')
            {
                length--;
            }

            buffer[length++] = '…';
        }

        return new string(buffer[..length]);
    }
}
