namespace PartnerCenter.Observability.Docs.Tests.Snippets;

/// <summary>
/// What a snippet needs around it to compile, declared in the markdown in an HTML comment right before the block:
/// <code>
/// &lt;!-- snippet: statements
/// usings: Serilog
/// given: IServiceCollection services, HttpClient client
/// declare: sealed class PartnerCenterClient(HttpClient http);
/// --&gt;
/// </code>
/// The first line names the kind (<c>program</c>, the default when a block has no comment, or <c>statements</c>);
/// each further line is <c>usings</c> (namespaces), <c>given</c> (the method's parameters, for statements) or
/// <c>declare</c> (a type the snippet uses but does not show; repeatable). An unknown key is an error, so that a typo
/// cannot silently drop a declaration.
/// </summary>
internal sealed record SnippetContext(
    SnippetKind Kind,
    IReadOnlyList<string> Usings,
    IReadOnlyList<string> Given,
    IReadOnlyList<string> Declarations)
{
    public const string CommentStart = "<!-- snippet";

    public static SnippetContext Default { get; } = new(SnippetKind.Program, [], [], []);

    /// <summary>Parses the text of a <c>&lt;!-- snippet ... --&gt;</c> comment.</summary>
    public static SnippetContext Parse(string comment)
    {
        var text = comment.Trim();
        if (!text.StartsWith(CommentStart, StringComparison.Ordinal) || !text.EndsWith("-->", StringComparison.Ordinal))
        {
            throw new FormatException($"A snippet context is a comment '{CommentStart}: <kind> ... -->', not: {comment}");
        }

        text = text[CommentStart.Length..^3];
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = lines.Length == 0 ? string.Empty : lines[0].TrimStart(':').Trim();
        var kind = first switch
        {
            "program" => SnippetKind.Program,
            "statements" => SnippetKind.Statements,
            _ => throw new FormatException($"Unknown snippet kind '{first}': use 'program' or 'statements'."),
        };

        var usings = new List<string>();
        var given = new List<string>();
        var declarations = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? line : line[..colon].Trim();
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].Trim();
            switch (key)
            {
                case "usings":
                    usings.AddRange(SplitTopLevel(value));
                    break;
                case "given":
                    given.AddRange(SplitTopLevel(value));
                    break;
                case "declare":
                    declarations.Add(value);
                    break;
                default:
                    throw new FormatException($"Unknown snippet context key '{key}' (expected usings, given or declare): {line}");
            }
        }

        if (kind == SnippetKind.Program && given.Count > 0)
        {
            throw new FormatException("A 'program' snippet has no parameters: 'given' applies to 'statements' only.");
        }

        return new SnippetContext(kind, usings, given, declarations);
    }

    /// <summary>Splits on commas that are not inside angle brackets or parentheses (<c>Dictionary&lt;string, int&gt; map</c>).</summary>
    private static IEnumerable<string> SplitTopLevel(string value)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '<' or '(' or '[':
                    depth++;
                    break;
                case '>' or ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return value[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        if (value[start..].Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }
}
