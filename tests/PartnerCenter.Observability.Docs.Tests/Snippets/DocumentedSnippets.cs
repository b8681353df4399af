using PartnerCenter.Observability.Docs.Tests.Infrastructure;

namespace PartnerCenter.Observability.Docs.Tests.Snippets;

/// <summary>Every C# snippet of the repository's README and the package READMEs (src/*/README.md).</summary>
internal static class DocumentedSnippets
{
    public static IReadOnlyList<string> MarkdownFiles { get; } =
    [
        "README.md",
        .. Directory.EnumerateDirectories(RepositoryRoot.File("src"))
            .Select(project => Path.Combine(project, "README.md"))
            .Where(File.Exists)
            .Select(path => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    public static IReadOnlyList<MarkdownSnippet> All { get; } =
        MarkdownFiles.SelectMany(file => MarkdownSnippetReader.Read(File.ReadAllText(RepositoryRoot.File(file)), file)).ToList();
}
