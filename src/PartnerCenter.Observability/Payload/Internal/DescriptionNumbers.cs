namespace PartnerCenter.Observability.Payload;

/// <summary>
/// Numbers written in groups (a phone number <c>+1 (425) 555-0100</c>, a card, an IBAN's digits, a date): digit runs
/// joined only by spaces and <c>( ) + - . /</c> are one number. It is kept only when it is a single run of at most
/// <see cref="MaxKeptDigits"/> digits ("400", "30 days"); any other becomes one <c>{number}</c>.
/// </summary>
internal static class DescriptionNumbers
{
    public const int MaxKeptDigits = 4;

    public static void Mask(ReadOnlySpan<char> text, List<DescriptionSegment> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Kind != DescriptionSegmentKind.Number)
            {
                continue;
            }

            var last = i;
            var runs = 1;
            var j = i + 1;
            while (j < segments.Count)
            {
                var segment = segments[j];
                if (segment.Kind == DescriptionSegmentKind.Number)
                {
                    last = j;
                    runs++;
                }
                else if (!(segment.Kind == DescriptionSegmentKind.Space || (segment.Kind == DescriptionSegmentKind.Punctuation && text[segment.Start] is '(' or ')' or '+' or '-' or '.' or '/')))
                {
                    break;
                }

                j++;
            }

            if (runs > 1 || segments[i].Digits > MaxKeptDigits)
            {
                var start = segments[i].Start;
                segments.RemoveRange(i + 1, last - i);
                segments[i] = new(DescriptionSegmentKind.Shape, start, 0, DescriptionShapes.Number);
            }
        }
    }
}
