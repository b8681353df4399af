using System.Globalization;
using System.Text;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Cli.Tests.CatalogDiff;

/// <summary><c>pc-errors catalog diff</c> on the seed page's text copy and on markdown built from the other-editions file.</summary>
public sealed class CatalogDiffTests : IDisposable
{
    private static readonly Dictionary<int, string> StatusNames = new()
    {
        [200] = "OK", [400] = "BadRequest", [401] = "Unauthorized", [403] = "Forbidden", [404] = "NotFound", [409] = "Conflict",
        [410] = "Gone", [500] = "InternalServerError", [501] = "NotImplemented",
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("pc-errors-diff-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_seed_text_has_no_differences_against_its_own_edition()
    {
        var seed = RepositoryPaths.ReferenceFile("partner-center-rest-error-codes.txt");
        var (exit, stdout, stderr) = await Run("catalog", "diff", seed, "--baseline", "error-codes");

        Assert.True(exit == 0, stdout + stderr);
        var summary = Assert.Single(Lines(stdout));
        Assert.Matches(@"^// 2\d\d rows read; 0 added, 0 changed, 0 missing against \d+ catalogued rows$", summary);
    }

    [Fact]
    public async Task The_seed_text_misses_exactly_rows_that_only_other_editions_have()
    {
        var seed = RepositoryPaths.ReferenceFile("partner-center-rest-error-codes.txt");
        var (exit, stdout, _) = await Run("catalog", "diff", seed);

        Assert.Equal(1, exit);
        var lines = Lines(stdout);
        Assert.DoesNotContain(lines, l => l.StartsWith("R(", StringComparison.Ordinal)); // nothing added or changed
        var missing = lines.Where(l => l.StartsWith("// missing:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(missing);
        Assert.All(missing, l => Assert.DoesNotContain("catalogued from error-codes;", l, StringComparison.Ordinal));
        Assert.Contains(missing, l => l.StartsWith("// missing: 403 2091 eligibility", StringComparison.Ordinal));
        Assert.DoesNotContain(missing, l => l.Contains(" 3000 ", StringComparison.Ordinal)); // the seed has 3000's row, without its code
    }

    [Fact]
    public async Task Markdown_built_from_the_other_editions_file_shows_each_added_changed_and_missing_row()
    {
        var facts = ReferenceFacts.Read(ReferenceFacts.OtherEditions).Where(f => f.Status is not null).ToList();
        var rows = facts.Select(f => (Status: f.Status!.Value, f.Code, f.Description)).ToList();
        rows.RemoveAll(r => r.Code == "1000");                                            // dropped by the newer page
        var moved = rows.FindIndex(r => r.Code == "2091");
        rows[moved] = rows[moved] with { Status = 400 };                                   // moved from 403 to 400
        rows.Add((400, "971400", "The reseller is not eligible for this promotion."));     // new
        rows.Add((403, "971401", "Insufficient role assignments for the signed-in user.")); // new
        var file = Write("error-codes.md", Markdown(rows));

        var (exit, stdout, stderr) = await Run("catalog", "diff", file, "--baseline", "error-codes 2023-10", "--source-name", "error-codes 2026");

        Assert.True(exit == 1, stderr);
        var lines = Lines(stdout);
        Assert.Contains("""R("error-codes 2026", 400, "971400", Eligibility, "The reseller is not eligible for this promotion."), // added: classified by fallback rules on the description (uncataloged code)""", lines);
        Assert.Contains("""R("error-codes 2026", 403, "971401", Auth, "Insufficient role assignments for the signed-in user."), // added: classified by fallback rules on the description (uncataloged code)""", lines);
        Assert.Contains(lines, l => l.StartsWith("""R("error-codes 2026", 410, null, NotFound, "410: Gone.""", StringComparison.Ordinal) && l.EndsWith("// added: classified by status", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("""R("error-codes 2026", 400, "2091", Eligibility, "The offer is no longer available for purchase"), // changed status: status changed; catalogued at 403""", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("// missing: 404 1000 not_found \"Not found\"", StringComparison.Ordinal));

        // Rows the catalogue knows in any of their wordings produce no line.
        Assert.DoesNotContain(lines, l => l.Contains("\"2085\"", StringComparison.Ordinal) || l.Contains("\"2030\"", StringComparison.Ordinal) || l.Contains("\"2012\"", StringComparison.Ordinal));
        Assert.EndsWith("3 added, 1 changed, 1 missing against " + PartnerCenterErrorCatalog.Definitions.Count.ToString(CultureInfo.InvariantCulture) + " catalogued rows", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_that_matches_the_catalogue_exits_0_and_escaped_bars_are_read()
    {
        var file = Write("same.md", """
            # Partner Center REST error codes

            | HTTP Status | HTTP Error Code | Error code | Description |
            |---|---|---|---|
            | 403 | Forbidden | 800020 | The catalog item isn't eligible for purchase. |
            | 400 | BadRequest | | Etag is no longer valid |
            | 404 | NotFound | 20003 | Subscription with ID a\|b not found. |

            More text.
            """);
        var (exit, stdout, stderr) = await Run("catalog", "diff", file, "--baseline", "error-codes");

        // Every row is known; the seed edition's other rows are missing from this three-row copy.
        Assert.True(exit == 1, stderr);
        Assert.DoesNotContain(Lines(stdout), l => l.StartsWith("R(", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(stdout), l => l.Contains(" 800020 ", StringComparison.Ordinal) || l.Contains(" 20003 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nothing here", "no error-code table found")]
    [InlineData("| HTTP Status | HTTP Error Code | Error code | Description |\n|---|---|---|---|\n", "no rows")]
    [InlineData("| HTTP Status | HTTP Error Code | Error code | Description |\n|---|---|---|---|\n| abc | def | 1 | x |\n", "line 3")]
    [InlineData("| HTTP Status | HTTP Error Code | Error code | Description |\n|---|---|---|---|\n| 400 | BadRequest | 1 2 | x |\n", "not an error code")]
    public async Task Bad_input_exits_2(string content, string message)
    {
        var (exit, stdout, stderr) = await Run("catalog", "diff", Write("bad.md", content));
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_bad_arguments_exit_2()
    {
        Assert.Equal(2, (await Run("catalog", "diff", Path.Combine(_directory, "absent.md"))).Exit);
        Assert.Equal(2, (await Run("catalog", "diff")).Exit);
        Assert.Equal(2, (await Run("catalog", "diff", "a.md", "b.md")).Exit);
        Assert.Equal(2, (await Run("catalog", "diff", Write("x.md", "| HTTP Status | HTTP Error Code | Error code | Description |\n|---|---|---|---|\n| 400 | BadRequest | 1 | x |\n"), "--baseline", "no such source")).Exit);
    }

    private static string Markdown(IEnumerable<(int Status, string? Code, string Description)> rows)
    {
        var text = new StringBuilder("---\ntitle: Partner Center REST error codes\n---\n\n# Partner Center REST error codes\n\n| HTTP Status | HTTP Error Code | Error code | Description |\n|-------------|-----------------|------------|-------------|\n");
        foreach (var (status, code, description) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {status} | {StatusNames.GetValueOrDefault(status, "Other")} | {code} | {description.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        return text.Append("\n## Next steps\n").ToString();
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var input = new MemoryStream();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, input, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
