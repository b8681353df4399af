using PartnerCenter.Observability.Docs.Tests.Snippets;

namespace PartnerCenter.Observability.Docs.Tests;

/// <summary>
/// Every ```csharp block of README.md and the package READMEs compiles, against the project's assemblies, with only
/// the implicit usings of a web app and what the markdown declares next to it (see <see cref="SnippetContext"/>).
/// </summary>
public sealed class ReadmeSnippetTests
{
    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var snippet in DocumentedSnippets.All)
        {
            data.Add(snippet.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_compiles(string snippet)
    {
        var errors = SnippetCompiler.Errors(DocumentedSnippets.All.Single(s => s.ToString() == snippet));

        Assert.True(errors.Count == 0, $"{snippet} does not compile:\n{string.Join('\n', errors)}");
    }

    [Fact]
    public void Every_readme_with_code_is_read()
    {
        // The package READMEs that show C# (all but the CLI's), and the repository README: none is skipped by a
        // change to the reader or a renamed fence.
        var filesWithSnippets = DocumentedSnippets.All.Select(s => s.File).Distinct().ToList();

        Assert.Contains("README.md", filesWithSnippets);
        foreach (var package in new[] { "PartnerCenter.Observability", "PartnerCenter.Observability.Hosting", "PartnerCenter.Observability.Serilog", "PartnerCenter.Observability.Resilience", "PartnerCenter.Observability.Simulator" })
        {
            Assert.Contains($"src/{package}/README.md", filesWithSnippets);
        }
    }

    [Fact]
    public void Every_csharp_fence_in_the_readmes_is_compiled()
    {
        // Counted independently of the reader: each opening ```csharp line is one snippet.
        foreach (var file in DocumentedSnippets.MarkdownFiles)
        {
            var fences = File.ReadAllLines(Infrastructure.RepositoryRoot.File(file)).Count(l => l.Trim() == "```csharp");
            Assert.Equal(fences, DocumentedSnippets.All.Count(s => s.File == file));
        }
    }
}
