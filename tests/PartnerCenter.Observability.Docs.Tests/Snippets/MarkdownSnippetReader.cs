namespace PartnerCenter.Observability.Docs.Tests.Snippets;

/// <summary>Extracts every C# block of a markdown text, with the snippet context comment that ends right before it.</summary>
internal static class MarkdownSnippetReader
{
    private static readonly string[] CSharpFences = ["```csharp", "```cs", "```c#"];

    public static IReadOnlyList<MarkdownSnippet> Read(string markdown, string file)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var snippets = new List<MarkdownSnippet>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].Trim();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            if (end < 0)
            {
                throw new FormatException($"{file}:{i + 1}: a code block that is never closed.");
            }

            if (CSharpFences.Any(f => string.Equals(fence, f, StringComparison.OrdinalIgnoreCase)))
            {
                var code = string.Join('\n', lines[(i + 1)..end]);
                snippets.Add(new MarkdownSnippet(file, i + 2, code, ContextBefore(lines, i, file)));
            }

            i = end;
        }

        return snippets;
    }

    /// <summary>The snippet comment whose last line is the line right before the fence, or the default context.</summary>
    private static SnippetContext ContextBefore(string[] lines, int fenceIndex, string file)
    {
        var last = fenceIndex - 1;
        if (last < 0 || !lines[last].TrimEnd().EndsWith("-->", StringComparison.Ordinal))
        {
            return SnippetContext.Default;
        }

        for (var first = last; first >= 0; first--)
        {
            if (lines[first].Contains("<!--", StringComparison.Ordinal))
            {
                if (!lines[first].TrimStart().StartsWith(SnippetContext.CommentStart, StringComparison.Ordinal))
                {
                    return SnippetContext.Default;
                }

                try
                {
                    return SnippetContext.Parse(string.Join('\n', lines[first..(last + 1)]));
                }
                catch (FormatException e)
                {
                    throw new FormatException($"{file}:{first + 1}: {e.Message}", e);
                }
            }
        }

        return SnippetContext.Default;
    }
}
