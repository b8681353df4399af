namespace PartnerCenter.Observability.Docs.Tests.Snippets;

/// <summary>One <c>```csharp</c> block of a markdown file, with the context declared before it.</summary>
/// <param name="File">The markdown file, relative to the repository root.</param>
/// <param name="Line">The 1-based line of the block's first code line.</param>
/// <param name="Code">The code between the fences.</param>
/// <param name="Context">What it needs around it to compile.</param>
internal sealed record MarkdownSnippet(string File, int Line, string Code, SnippetContext Context)
{
    /// <summary>A short, unique name for test output: <c>README.md:42</c>, <c>Hosting/README.md:11</c>.</summary>
    public override string ToString() => $"{File.Replace("src/PartnerCenter.Observability.", string.Empty, StringComparison.Ordinal)}:{Line}";
}
