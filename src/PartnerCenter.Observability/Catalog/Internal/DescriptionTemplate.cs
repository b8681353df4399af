namespace PartnerCenter.Observability;

/// <summary>
/// Matches a description against a documented template where <c>{0}</c>, <c>{1}</c>... stand for any value.
/// Comparison is ordinal and case-insensitive, and ignores surrounding white space and a trailing full stop.
/// </summary>
internal sealed class DescriptionTemplate
{
    /// <summary>The most digits a value may have to be filled in: a wait in seconds or a count, never an id.</summary>
    private const int MaxFilledDigits = 4;

    private readonly string[] _literals;
    private readonly string _template;

    public DescriptionTemplate(string template)
    {
        _template = template;
        _literals = Split(Normalise(template));
    }

    /// <summary>The literal text before the first placeholder (the whole template when it has none), normalised.</summary>
    public string Prefix => _literals[0];

    public static ReadOnlySpan<char> NormaliseForLookup(ReadOnlySpan<char> description) => Normalise(description);

    public bool IsMatch(ReadOnlySpan<char> description) => Match(Normalise(description), values: null);

    /// <summary>
    /// The template with each value the description gives that is a short number (1 to 4 ASCII digits: a wait in
    /// seconds, a count) in place of its placeholder; any other value (an id, a name, an email) stays a placeholder, so
    /// nothing but such numbers ever comes from the server's text. <see langword="null"/> when the description does not
    /// match the template or gives no such number.
    /// </summary>
    public string? FillNumbers(ReadOnlySpan<char> description)
    {
        var values = new List<string>(_literals.Length - 1);
        if (_literals.Length == 1 || !Match(Normalise(description), values) || !values.Exists(IsShortNumber))
        {
            return null;
        }

        // The original template (its casing, its full stop), each placeholder in turn replaced when its value is a short number.
        var filled = new System.Text.StringBuilder(_template.Length + 8);
        var next = 0;
        var start = 0;
        for (var i = 0; i < _template.Length; i++)
        {
            if (_template[i] == '{' && _template.IndexOf('}', i + 1) is var close && close > i + 1 && IsDigits(_template.AsSpan(i + 1, close - i - 1)))
            {
                filled.Append(_template, start, i - start);
                filled.Append(next < values.Count && IsShortNumber(values[next]) ? values[next] : _template[i..(close + 1)]);
                next++;
                i = close;
                start = close + 1;
            }
        }

        return filled.Append(_template, start, _template.Length - start).ToString();
    }

    /// <summary>Whether the normalised text matches; the placeholders' values, in order, go to <paramref name="values"/>.</summary>
    private bool Match(ReadOnlySpan<char> text, List<string>? values)
    {
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

            values?.Add(middle[..(at + 1)].ToString());
            middle = middle[(at + 1 + literal.Length)..];
            if (middle.IsEmpty)
            {
                return false;
            }
        }

        values?.Add(middle.ToString());
        return true;
    }

    private static bool IsShortNumber(string value) => value.Length is > 0 and <= MaxFilledDigits && IsDigits(value);

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

    private static bool IsDigits(ReadOnlySpan<char> span) => !span.ContainsAnyExceptInRange('0', '9');
}
