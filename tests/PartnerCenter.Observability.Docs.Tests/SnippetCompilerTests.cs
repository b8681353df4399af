using PartnerCenter.Observability.Docs.Tests.Snippets;

namespace PartnerCenter.Observability.Docs.Tests;

/// <summary>The harness itself: it reports what a reader's compiler would report, and reads the contexts as written.</summary>
public sealed class SnippetCompilerTests
{
    [Fact]
    public void An_undeclared_type_is_reported_with_its_markdown_line()
    {
        const string markdown = "# App\n\n```csharp\nvar builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHttpClient<PartnerCenterClient>();\n```\n";
        var snippet = Assert.Single(MarkdownSnippetReader.Read(markdown, "doc.md"));

        var errors = SnippetCompiler.Errors(snippet);

        Assert.Contains(errors, e => e.StartsWith("doc.md:5: CS0246", StringComparison.Ordinal));
    }

    [Fact]
    public void A_declared_type_and_given_values_make_statements_compile()
    {
        const string markdown = """
            <!-- snippet: statements
            usings: PartnerCenter.Observability
            given: IServiceCollection services, byte[] responseBytes
            declare: sealed class PartnerCenterClient(HttpClient http) { public HttpClient Http => http; }
            -->
            ```csharp
            using PartnerCenter.Observability.Errors;
            services.AddHttpClient<PartnerCenterClient>().AddPartnerCenterTelemetry();
            var result = PartnerCenterErrorClassifier.Default.Classify(403, responseBytes, "application/json");
            ```
            """;
        var snippet = Assert.Single(MarkdownSnippetReader.Read(markdown, "doc.md"));

        Assert.Equal(SnippetKind.Statements, snippet.Context.Kind);
        Assert.Equal(["IServiceCollection services", "byte[] responseBytes"], snippet.Context.Given);
        Assert.Empty(SnippetCompiler.Errors(snippet));
    }

    [Fact]
    public void The_same_statements_without_their_context_do_not_compile()
    {
        const string markdown = "```csharp\nservices.AddHttpClient<PartnerCenterClient>().AddPartnerCenterTelemetry();\n```\n";
        var snippet = Assert.Single(MarkdownSnippetReader.Read(markdown, "doc.md"));

        Assert.Equal(SnippetContext.Default, snippet.Context);
        Assert.NotEmpty(SnippetCompiler.Errors(snippet));
    }

    [Fact]
    public void A_misspelt_context_key_is_an_error_not_a_silent_default()
    {
        const string markdown = "<!-- snippet: statements\nusing: Serilog\n-->\n```csharp\nLog.CloseAndFlush();\n```\n";

        var error = Assert.Throws<FormatException>(() => MarkdownSnippetReader.Read(markdown, "doc.md"));

        Assert.Contains("doc.md:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'using'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_languages_and_other_comments_are_not_snippets()
    {
        const string markdown = "<!-- a note -->\n```json\n{ }\n```\n\n<!-- a note -->\n```csharp\nvar x = 1;\n```\n";

        var snippet = Assert.Single(MarkdownSnippetReader.Read(markdown, "doc.md"));

        Assert.Equal(8, snippet.Line);
        Assert.Equal(SnippetContext.Default, snippet.Context);
    }
}
