namespace PartnerCenter.Observability;

/// <summary>
/// Matches a description against a documented template where <c>{0}</c>, <c>{1}</c>... stand for any value.
/// Comparison is ordinal and case-insensitive, and ignores surrounding white space and a trailing full stop.
/// </summary>
internal sealed class DescriptionTemplate
{
    private readonly string[] _literals;

    public DescriptionTemplate(string template)
    {
        _literals = Split(Normalise(template));
    }

    /// <summary>The literal text before the first placeholder (the whole template when it has none), normalised.</summary>
    public string Prefix => _literals[0];

    public static ReadOnlySpan<char> NormaliseForLookup(ReadOnlySpan<char> description) => Normalise(description);

    public bool IsMatch(ReadOnlySpan<char> description)
    {
        var text = Normalise(description);
        if (_literals.Length == 1)
        {
            return text.Equals(_literals[0], StringComparison.OrdinalIgnoreCase);
        }

        var first = _literals[0];
        var last = _literals[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.OrdinalIgnoreCase)
            || !text.EndsWith(last, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Each placeholder stands for at least one character.
        var middle = text[first.Length..^last.Length];
        if (middle.IsEmpty)
        {
            return false;
        }

        for (var i = 1; i < _literals.Length - 1; i++)
        {
            var literal = _literals[i];
            var at = middle.Length > 1 ? middle[1..].IndexOf(literal, StringComparison.OrdinalIgnoreCase) : -1;
            if (at < 0)
            {
                return false;
            }

            middle = middle[(at + 1 + literal.Length)..];
            if (middle.IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> Normalise(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        while (!text.IsEmpty && text[^1] == '.')
        {
            text = text[..^1].TrimEnd();
        }

        return text;
    }

    private static string Normalise(string text) => Normalise(text.AsSpan()).ToString();

    private static string[] Split(string template)
    {
        var literals = new List<string>();
        var start = 0;
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close > i + 1 && IsDigits(template.AsSpan(i + 1, close - i - 1)))
                {
                    literals.Add(template[start..i]);
                    i = close + 1;
                    start = i;
                    continue;
                }
            }

            i++;
        }

        literals.Add(template[start..]);
        return [.. literals];
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
