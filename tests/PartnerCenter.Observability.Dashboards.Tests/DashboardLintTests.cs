using System.Text.Json.Nodes;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>The dashboard-linter rules (<see cref="DashboardLint"/>) hold for the shipped dashboards, and each rule can fail.</summary>
public sealed class DashboardLintTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(DashboardStructureTests.DashboardFiles), MemberType = typeof(DashboardStructureTests))]
    public void The_dashboard_has_no_lint_findings(string file)
    {
        var findings = DashboardLint.Findings(JsonNode.Parse(File.ReadAllText(Repo.Full(file)))!, file);
        foreach (var finding in findings)
        {
            output.WriteLine(finding);
        }

        Assert.True(findings.Count == 0, $"{findings.Count} lint findings:\n{string.Join('\n', findings)}");
    }

    [Theory]
    [InlineData("""sum(rate(m_total{job=~"$job", instance=~"$instance"}[5m]))""", "should use [$__rate_interval]")]
    [InlineData("""sum(rate(m_total{job=~"$job"}[$__rate_interval]))""", "no job and instance matchers")]
    [InlineData("""sum(m_total{job=~"$job", instance=~"$instance"})""", "outside rate() or increase()")]
    [InlineData("""histogram_quantile(0.9, m_bucket{job=~"$job", instance=~"$instance"})""", "outside rate() or increase()")]
    [InlineData("""sum(increase(m_total{job=~"$job", instance=~"$instance"}[1h]))""", "should use $__rate_interval or $__range")]
    public void Each_query_rule_reports_its_violation(string expr, string expected)
    {
        var findings = DashboardLint.QueryFindings(expr, "q").ToList();
        Assert.Contains(findings, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""sum(rate(m_total{job=~"$job", instance=~"$instance", op=~"a{b}"}[$__rate_interval]))""")]
    [InlineData("""sum((m_total{job=~"$job", instance=~"$instance"} unless m_total{job=~"$job", instance=~"$instance"} offset $__range) or increase(m_total{job=~"$job", instance=~"$instance"}[$__range]))""")]
    [InlineData("""max(partner_center:x:rate5m{job=~"$job", instance=~"$instance"})""")]
    public void Queries_that_follow_the_rules_have_no_findings(string expr) =>
        Assert.Empty(DashboardLint.QueryFindings(expr, "q"));

    [Fact]
    public void The_dashboard_rules_report_editable_all_value_unit_and_description()
    {
        var root = JsonNode.Parse("""
            {"editable": true,
             "templating": {"list": [{"name": "job", "includeAll": true, "allValue": ".*"}]},
             "panels": [{"type": "stat", "title": "p", "fieldConfig": {"defaults": {}}, "targets": []}]}
            """)!;
        var findings = DashboardLint.Findings(root, "f");
        Assert.Contains(findings, f => f.Contains("editable", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("allValue", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("no unit", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Contains("no description", StringComparison.Ordinal));
    }
}
