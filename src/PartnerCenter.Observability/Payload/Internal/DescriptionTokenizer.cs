namespace PartnerCenter.Observability.Payload;

/// <summary>
/// Splits a normalised description into segments (<see cref="DescriptionSegment"/>): spaces, ASCII punctuation, and
/// compounds classified by <see cref="DescriptionShapes"/>. A chunk with <c>://</c> is a <c>{url}</c>, an IPv6 address
/// an <c>{ip}</c>, and what follows a <c>?</c> inside a chunk a <c>?{query}</c>, whole.
/// </summary>
internal static class DescriptionTokenizer
{
    [ThreadStatic]
    private static List<DescriptionSegment>? t_segments;

    /// <summary>The segments of <paramref name="text"/>, in a list owned by the calling thread and reused by its next call.</summary>
    public static List<DescriptionSegment> Tokenize(ReadOnlySpan<char> text)
    {
        var segments = t_segments ??= new List<DescriptionSegment>(64);
        segments.Clear();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                if (segments.Count > 0 && segments[^1].Kind != DescriptionSegmentKind.Space)
                {
                    segments.Add(new(DescriptionSegmentKind.Space, i, 1));
                }

                i++;

                // Stryker disable once Statement : without it, the chunk scan at the next character does what the next turn would (a space there ends an empty chunk).
                continue;
            }

            // Chunks are a few characters long: plain loops, cheaper than vectorised searches' setup.
            var letters = i;

            // Stryker disable once Equality : the fast path only; without it every chunk takes Chunk(), which gives the same segments for a word and its closings.
            while (letters < text.Length && char.IsAsciiLetter(text[letters]))
            {
                letters++;
            }

            var end = letters;
            // Stryker disable once Boolean : the fast path only; Chunk() gives the same segments for a word and its closings.
            var closingsOnly = true;
            while (end < text.Length && text[end] != ' ')
            {
                closingsOnly &= IsClosing(text[end]);
                end++;
            }

            // Stryker disable once Equality : the fast path only; Chunk() gives the same segments for a word and its closings.
            if (letters > i && closingsOnly)
            {
                // Most chunks are a word, perhaps with closing punctuation ("market."): no further splitting.
                segments.Add(DescriptionShapes.ClassifyLetters(i, letters - i, text.Slice(i, letters - i)));
                AddPunctuation(letters, end, segments);
            }
            else
            {
                Chunk(text, i, end, segments);
            }

            i = end;
        }

        if (segments.Count > 0 && segments[^1].Kind == DescriptionSegmentKind.Space)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        return segments;
    }

    private static void Chunk(ReadOnlySpan<char> text, int start, int end, List<DescriptionSegment> segments)
    {
        while (start < end && IsOpening(text[start]))
        {
            segments.Add(new(DescriptionSegmentKind.Punctuation, start, 1));
            start++;
        }

        var coreEnd = end;
        while (coreEnd > start && IsClosing(text[coreEnd - 1]))
        {
            coreEnd--;
        }

        var core = text.Slice(start, coreEnd - start);
        if (!core.ContainsAny(':', '?'))
        {
            // Neither a URL, an IPv6 address nor a query: compounds and punctuation only (the common case).
            Parts(text, start, coreEnd, segments);
        }
        else if (core.Contains("://", StringComparison.Ordinal))
        {
            segments.Add(new(DescriptionSegmentKind.Shape, start, core.Length, DescriptionShapes.Url));
        }
        else if (DescriptionShapes.IsIPv6(core))
        {
            segments.Add(new(DescriptionSegmentKind.Shape, start, core.Length, DescriptionShapes.Ip));
        }
        else if (core.IndexOf('?') is var query and >= 0)
        {
            Parts(text, start, start + query, segments);
            segments.Add(new(DescriptionSegmentKind.Shape, start + query, core.Length - query, DescriptionShapes.Query));
        }
        else
        {
            Parts(text, start, coreEnd, segments);
        }

        AddPunctuation(coreEnd, end, segments);
    }

    private static void AddPunctuation(int start, int end, List<DescriptionSegment> segments)
    {
        for (var i = start; i < end; i++)
        {
            segments.Add(new(DescriptionSegmentKind.Punctuation, i, 1));
        }
    }

    /// <summary>Compounds between break characters (ASCII punctuation that is not a joiner), the breaks themselves as punctuation.</summary>
    private static void Parts(ReadOnlySpan<char> text, int start, int end, List<DescriptionSegment> segments)
    {
        var i = start;
        while (i < end)
        {
            if (IsBreak(text, i, start, end))
            {
                segments.Add(new(DescriptionSegmentKind.Punctuation, i, 1));
                i++;

                // Stryker disable once Statement : without it, the run scan at a break finds an empty run and adds nothing; the next turn does the rest.
                continue;
            }

            var runEnd = i;
            while (true)
            {
                var next = text.Slice(runEnd, end - runEnd).IndexOfAny(Breaks);
                // Stryker disable once Equality : a run starts on a non-break and resumes on the letter after a joining apostrophe, so a break is never at offset 0.
                runEnd = next < 0 ? end : runEnd + next;
                if (runEnd < end && !IsBreak(text, runEnd, start, end))
                {
                    // An apostrophe between two letters joins.
                    runEnd++;
                    continue;
                }

                break;
            }

            // Joiners at either end are punctuation ("found.", "-1"), not part of the compound.
            var coreStart = i;
            while (coreStart < runEnd && DescriptionShapes.IsJoiner(text[coreStart]) && text[coreStart] != '@')
            {
                segments.Add(new(DescriptionSegmentKind.Punctuation, coreStart, 1));
                coreStart++;
            }

            var coreEnd = runEnd;
            while (coreEnd > coreStart && DescriptionShapes.IsJoiner(text[coreEnd - 1]) && text[coreEnd - 1] != '@')
            {
                coreEnd--;
            }

            if (coreEnd > coreStart)
            {
                segments.Add(DescriptionShapes.Classify(text, coreStart, coreEnd - coreStart));
            }

            AddPunctuation(coreEnd, runEnd, segments);
            i = runEnd;
        }
    }

    /// <summary>ASCII punctuation other than the joiners; an apostrophe between two letters joins ("isn't", "customer's").</summary>
    private static bool IsBreak(ReadOnlySpan<char> text, int i, int start, int end)
    {
        var c = text[i];
        if (c == '\'')
        {
            // Only a guard: a range never starts with an apostrophe (openings are split off first), and the character after
            // a range is a closing, a space or the '?' of a query, never a letter.
            // Stryker disable once Equality,Logical,Arithmetic : the guard's bounds are never reached with a letter beyond them (see above).
            var inside = i > start && i + 1 < end;
            return !(inside && char.IsAsciiLetter(text[i - 1]) && char.IsAsciiLetter(text[i + 1]));
        }

        return c < 0x80 && char.IsAsciiLetterOrDigit(c) is false && !DescriptionShapes.IsJoiner(c);
    }

    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create("!\"$&'()*,/:;<=>?[\\]^`{|}");

    private static bool IsOpening(char c) => c is '(' or '[' or '{' or '"' or '\'' or '<' or '`';

    /// <summary>Closing punctuation, which may follow a word and stays punctuation: <c>. , ; : ! ? ) ] } " ' &gt; `</c>.</summary>
    private static bool IsClosing(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '"' or '\'' or '>' or '`';
}
