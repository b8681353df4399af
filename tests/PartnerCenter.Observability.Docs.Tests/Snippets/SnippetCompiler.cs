using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PartnerCenter.Observability.Docs.Tests.Snippets;

/// <summary>
/// Compiles a snippet with Roslyn against the framework (ASP.NET Core included) and every assembly this test project
/// references: the project's own libraries and the packages a snippet names (Serilog sinks, Polly, xunit).
/// </summary>
internal static class SnippetCompiler
{
    private static readonly Lazy<List<MetadataReference>> References = new(LoadReferences);

    /// <summary>The errors the compiler reports, each as "file:line: CSxxxx message".</summary>
    public static IReadOnlyList<string> Errors(MarkdownSnippet snippet)
    {
        var source = SnippetSource.Build(snippet);
        var tree = CSharpSyntaxTree.ParseText(
            source,
            new CSharpParseOptions(LanguageVersion.Latest),
            path: "Snippet.cs",
            encoding: System.Text.Encoding.UTF8);
        var options = new CSharpCompilationOptions(
            snippet.Context.Kind == SnippetKind.Program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable);
        var compilation = CSharpCompilation.Create("Snippet_" + Guid.NewGuid().ToString("N"), [tree], References.Value, options);
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        return result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{Describe(d.Location)}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
    }

    private static string Describe(Location location)
    {
        var span = location.GetMappedLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}";
    }

    private static List<MetadataReference> LoadReferences()
    {
        // The runtime's trusted assemblies (the shared frameworks and the test's dependencies), then anything else
        // copied beside the test: one file per assembly name.
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return trusted.Concat(local)
            .Where(path => seen.Add(Path.GetFileName(path)))
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
