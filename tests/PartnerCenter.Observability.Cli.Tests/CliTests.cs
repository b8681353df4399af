using System.Text;
using System.Text.Json;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Cli.Tests;

public sealed class CliTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(string stdin, params string[] args)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, input, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Explain_prints_status_category_retryable_template_and_advice()
    {
        var (exit, stdout, _) = await Run("", "explain", "800020");
        Assert.Equal(0, exit);
        Assert.Contains("status:    403", stdout, StringComparison.Ordinal);
        Assert.Contains("category:  eligibility", stdout, StringComparison.Ordinal);
        Assert.Contains("retryable: false", stdout, StringComparison.Ordinal);
        Assert.Contains("The catalog item isn't eligible for purchase.", stdout, StringComparison.Ordinal);
        Assert.Contains("what to do:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("429", "quota", "true")]
    [InlineData("503", "transient", "true")]
    [InlineData("404", "not_found", "false")]
    public async Task Explain_of_an_http_status_used_as_a_code_explains_the_status(string code, string category, string retryable)
    {
        var (exit, stdout, _) = await Run("", "explain", code);
        Assert.Equal(0, exit);
        Assert.Contains($"status:    {code}", stdout, StringComparison.Ordinal);
        Assert.Contains($"category:  {category} (by status)", stdout, StringComparison.Ordinal);
        Assert.Contains($"retryable: {retryable}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_of_an_unknown_code_exits_1()
    {
        var (exit, _, stderr) = await Run("", "explain", "424242");
        Assert.Equal(1, exit);
        Assert.Contains("not in the catalogue", stderr, StringComparison.Ordinal);

        // The next step: each command it names is one the tool has, and the override names the code asked about.
        Assert.Contains("Next: classify the whole response", stderr, StringComparison.Ordinal);
        Assert.Contains("pc-errors classify --status", stderr, StringComparison.Ordinal);
        Assert.Contains("\"CategoryOverrides\": { \"424242\": ", stderr, StringComparison.Ordinal);
        Assert.Contains("pc-errors catalog diff", stderr, StringComparison.Ordinal);
        var (classifyExit, classified, _) = await Run("""{"code": 424242, "description": "The customer is not eligible for this offer."}""", "classify", "--status", "400");
        Assert.Equal(0, classifyExit);
        Assert.Contains("\"category\":\"eligibility\"", classified, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_diff_of_its_own_catalogue_list_says_which_file_to_pass()
    {
        var list = Path.Combine(Path.GetTempPath(), $"pc-errors-{Guid.NewGuid():N}.md");
        var (_, markdown, _) = await Run("", "catalog", "--format", "markdown");
        await File.WriteAllTextAsync(list, markdown);
        try
        {
            var (exit, _, stderr) = await Run("", "catalog", "diff", list);

            Assert.Equal(2, exit);
            Assert.Contains("this tool's own list of the catalogue", stderr, StringComparison.Ordinal);
            Assert.Contains("Save Microsoft's \"Partner Center REST error codes\" page", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(list);
        }
    }

    [Theory]
    [InlineData(403, null, """{"code": 800020, "description": "x", "data": [], "source": "PartnerFD"}""", "800020", "eligibility", false)]
    [InlineData(429, null, "", null, "quota", true)]
    [InlineData(502, "text/html", "<html><body>502 Bad Gateway</body></html>", null, "transient", true)]
    [InlineData(400, null, "{\"code\": 8000", null, "validation", false)] // a number cut off by the end of the body is not trusted
    [InlineData(409, "application/json", """{"code": "800060"}""", "800060", "conflict", false)]
    public async Task Classify_prints_exactly_one_json_object(int status, string? contentType, string body, string? code, string category, bool retryable)
    {
        var args = contentType is null ? new[] { "classify", "--status", status.ToString(System.Globalization.CultureInfo.InvariantCulture) } : ["classify", "--status", status.ToString(System.Globalization.CultureInfo.InvariantCulture), "--content-type", contentType];
        var (exit, stdout, _) = await Run(body, args);

        Assert.Equal(0, exit);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.Equal(code, root.GetProperty("code").GetString());
        Assert.Equal(category, root.GetProperty("category").GetString());
        Assert.Equal(retryable, root.GetProperty("retryable").GetBoolean());
        Assert.True(root.TryGetProperty("template", out _));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("reason").GetString()));
    }

    [Theory]
    [InlineData("classify", "--status", "abc")]
    [InlineData("classify")]
    [InlineData("classify", "--status")]
    [InlineData("classify", "--status", "403", "--bogus", "1")]
    [InlineData("explain")]
    [InlineData("catalog", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData()]
    public async Task Bad_arguments_print_usage_to_stderr_and_exit_2(params string[] args)
    {
        var (exit, stdout, stderr) = await Run("", args);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_command_and_the_exit_codes_on_stdout_and_exits_0(string help)
    {
        var (exit, stdout, stderr) = await Run("", help);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains("pc-errors [command] [options]", stdout, StringComparison.Ordinal);
        foreach (var command in new[] { "explain <code>", "classify", "catalog" })
        {
            Assert.Contains("  " + command, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes: 0 success", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_help_lists_its_options()
    {
        var (exit, stdout, _) = await Run("", "classify", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("pc-errors classify [options]", stdout, StringComparison.Ordinal);
        Assert.Contains("--status <n> (REQUIRED)", stdout, StringComparison.Ordinal);
        Assert.Contains("--content-type <type>", stdout, StringComparison.Ordinal);
        Assert.Contains("--max-bytes <n>", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pc-errors: --status must be an HTTP status between 100 and 599, not 'abc'", "pc-errors classify [options]", "classify", "--status", "abc")]
    [InlineData("pc-errors: --max-bytes must be a whole number of at least 256", "pc-errors classify [options]", "classify", "--status", "400", "--max-bytes", "10")]
    [InlineData("pc-errors: Unrecognized command or argument '--bogus'.", "pc-errors explain <code> [options]", "explain", "800020", "--bogus")]
    [InlineData("pc-errors: unknown format 'xml' (json or markdown)", "pc-errors catalog [command] [options]", "catalog", "--format", "xml")]
    public async Task A_bad_argument_is_named_first_then_the_help_of_its_command(string message, string usage, params string[] args)
    {
        var (exit, stdout, stderr) = await Run("", args);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(message, stderr.Split('\n')[0].TrimEnd('\r'));
        Assert.Contains(usage, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_json_lists_every_row()
    {
        var (exit, stdout, _) = await Run("", "catalog", "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(PartnerCenterErrorCatalog.Definitions.Count, json.RootElement.GetArrayLength());
        Assert.All(json.RootElement.EnumerateArray(), row => Assert.NotEqual("unknown", row.GetProperty("category").GetString()));
    }

    [Fact]
    public async Task Committed_error_codes_doc_matches_the_catalogue()
    {
        var (_, generated, _) = await Run("", "catalog", "--format", "markdown");
        var path = Path.Combine(RepositoryPaths.Root, "docs", "error-codes.md");
        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : "(missing)";
        Assert.True(generated == committed, "docs/error-codes.md is stale: regenerate it with `dotnet run --project src/PartnerCenter.Observability.Cli -- catalog --format markdown > docs/error-codes.md`");
    }
}
