using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>Runbook URLs share one base, land on a section of docs/runbooks.md, and the base can be changed in one step.</summary>
public sealed partial class RunbookTests
{
    [Fact]
    public void Every_runbook_url_shares_one_base_and_lands_on_a_heading()
    {
        var urls = RunbookUrls().ToList();
        Assert.NotEmpty(urls);
        var bases = urls.Select(u => u.Url.Split('#')[0]).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(bases.Count == 1, "runbook URLs have several bases: " + string.Join(", ", bases));
        Assert.EndsWith("runbooks.md", bases[0], StringComparison.Ordinal);

        var anchors = Anchors();
        foreach (var (where, url) in urls.Where(u => u.Url.Contains('#', StringComparison.Ordinal)))
        {
            var anchor = url.Split('#')[1];
            Assert.True(anchors.Contains(anchor), $"{where}: #{anchor} is not a heading of docs/runbooks.md");
        }
    }

    [Fact]
    public void Every_alert_has_a_section_with_three_queries_and_its_own_anchor()
    {
        var text = File.ReadAllText(Repo.Runbooks);
        foreach (var alert in Rules.Alerts.DistinctBy(a => a.Name))
        {
            Assert.EndsWith("#" + Slug(alert.Name), alert.Annotation("runbook_url"), StringComparison.Ordinal);
            var start = text.IndexOf("\n## " + alert.Name + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"docs/runbooks.md has no section '## {alert.Name}'");
            var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            var section = text[start..(end < 0 ? text.Length : end)];
            Assert.True(Regex.Count(section, "```promql") >= 3, $"the {alert.Name} section should give three queries");
            Assert.Contains("**What it means.**", section, StringComparison.Ordinal);
            Assert.Contains("**What to do.**", section, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("eligibility", "offer")]
    [InlineData("quota", "Retry-After")]
    [InlineData("auth", "conditional access")]
    [InlineData("transient", "MS-RequestId")]
    public void The_runbooks_say_what_to_do_per_category(string category, string advice)
    {
        var row = File.ReadLines(Repo.Runbooks).Single(line => line.StartsWith($"| `{category}` |", StringComparison.Ordinal));
        Assert.Contains(advice, row, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_the_base_is_documented_in_the_runbooks_and_the_dashboards_readme()
    {
        foreach (var doc in new[] { Repo.Runbooks, Path.Combine(Repo.Dashboards, "README.md") })
        {
            Assert.Contains("dashboards/set-runbook-base.sh", File.ReadAllText(doc), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_script_rewrites_the_base_everywhere_and_the_rule_tests_still_pass()
    {
        var bash = Prerequisite.Executable("bash", "bash is needed to run dashboards/set-runbook-base.sh");
        Prerequisite.Executable("perl", "perl is needed to run dashboards/set-runbook-base.sh");

        // The rewritten rule tests must still pass: without promtool this test would check only half of what it
        // says, so it skips as a whole outside CI and fails under CI=true.
        Promtool.Require();
        var copy = Path.Combine(Path.GetTempPath(), $"pc-dashboards-{Guid.NewGuid():N}");
        CopyDirectory(Repo.Dashboards, copy);
        try
        {
            const string NewBase = "https://runbooks.example.net/team&ops/pc|obs/runbooks.md";
            var (exit, output) = Promtool.RunProcess(bash, copy, Path.Combine(copy, "set-runbook-base.sh"), NewBase);
            Assert.True(exit == 0, output);

            var oldBase = RunbookUrls().First().Url.Split('#')[0];
            var rewritten = RunbookUrls(copy).ToList();
            Assert.Equal(RunbookUrls().Count(), rewritten.Count);
            Assert.All(rewritten, u => Assert.StartsWith(NewBase, u.Url, StringComparison.Ordinal));
            foreach (var file in Directory.GetFiles(copy, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".sh", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(oldBase, File.ReadAllText(file), StringComparison.Ordinal);
            }

            (exit, output) = Promtool.RunProcess(bash, copy, Path.Combine(copy, "set-runbook-base.sh"), "https://bad.example/x#anchor");
            Assert.NotEqual(0, exit);

            var tests = Path.Combine(copy, "prometheus", "tests");
            var files = Directory.GetFiles(tests, "*.test.yaml");
            Assert.Equal(Repo.RuleTestFiles.Count, files.Length);
            foreach (var file in files)
            {
                Promtool.AssertSucceeds(tests, "test", "rules", Path.GetFileName(file));
            }
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>Every runbook URL: alert annotations (Prometheus, Grafana, rule tests) and dashboard links.</summary>
    private static IEnumerable<(string Where, string Url)> RunbookUrls(string? dashboards = null)
    {
        dashboards ??= Repo.Dashboards;
        var files = Directory.GetFiles(dashboards, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(dashboards, "*.json", SearchOption.AllDirectories));
        return files.SelectMany(file => RunbookUrl().Matches(File.ReadAllText(file))
            .Select(m => (Path.GetRelativePath(dashboards, file), m.Value)));
    }

    private static HashSet<string> Anchors() =>
        File.ReadLines(Repo.Runbooks).Where(line => line.StartsWith('#')).Select(line => Slug(line.TrimStart('#').Trim())).ToHashSet(StringComparer.Ordinal);

    /// <summary>The anchor that GitHub and most Markdown renderers give a heading.</summary>
    private static string Slug(string heading) => NotSlug().Replace(heading.ToLowerInvariant(), "").Replace(' ', '-');

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"https?://[^\s""'<>]*runbooks\.md[^\s""'<>]*")]
    private static partial Regex RunbookUrl();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex NotSlug();
}
