using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>The Grafana unified-alerting file provisions the Prometheus alerts: same titles, queries, thresholds, durations.</summary>
public sealed partial class GrafanaAlertingTests
{
    [Fact]
    public void The_file_has_the_provisioning_shape()
    {
        var root = Files.Yaml(Repo.GrafanaAlerts);
        Assert.Equal("1", root["apiVersion"].Text());
        var groups = root["groups"].Items().ToList();
        Assert.NotEmpty(groups);
        foreach (var group in groups)
        {
            foreach (var key in new[] { "orgId", "name", "folder", "interval" })
            {
                Assert.False(string.IsNullOrWhiteSpace(group[key].Text()), $"a group has no {key}");
            }

            Assert.NotEmpty(group["rules"].Items());
        }
    }

    [Fact]
    public void Every_rule_queries_the_provisioned_datasource_then_reduces_and_thresholds()
    {
        var datasourceUid = ProvisioningTests.ProvisionedDatasourceUid();
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in GrafanaRules())
        {
            var title = rule["title"].Text();
            Assert.True(uids.Add(rule["uid"].Text()), $"{title}: duplicate uid");
            Assert.Matches("^[a-zA-Z0-9_-]{1,40}$", rule["uid"].Text());
            foreach (var key in new[] { "condition", "noDataState", "execErrState", "for" })
            {
                Assert.False(string.IsNullOrWhiteSpace(rule[key].Text()), $"{title}: no {key}");
            }

            var data = rule["data"].Items().ToList();
            Assert.Equal("A", data[0]["refId"].Text());
            Assert.Equal(datasourceUid, data[0]["datasourceUid"].Text());
            Assert.False(string.IsNullOrWhiteSpace(data[0]["model"]?["expr"].Text()), $"{title}: query A has no expr");
            Assert.All(data.Skip(1), node => Assert.Equal("__expr__", node["datasourceUid"].Text()));
            Assert.Equal(["reduce", "threshold"], data.Skip(1).Select(node => node["model"]?["type"].Text()));
            Assert.Equal(rule["condition"].Text(), data[^1]["refId"].Text());
            Assert.Equal("A", data[1]["model"]?["expression"].Text());
            Assert.Equal(data[1]["refId"].Text(), data[2]["model"]?["expression"].Text());
        }
    }

    [Fact]
    public void Paging_rules_treat_no_data_as_a_problem()
    {
        var prometheus = Rules.Alerts.ToDictionary(TitleOf, StringComparer.Ordinal);
        foreach (var rule in GrafanaRules())
        {
            var alert = prometheus[rule["title"].Text()];
            var paging = alert.Label("severity") == "critical" && alert.Name != "PartnerCenterRecordingRulesMissing";
            Assert.Equal(paging ? "NoData" : "OK", rule["noDataState"].Text());
            Assert.Equal("Error", rule["execErrState"].Text());
        }
    }

    [Fact]
    public void The_alert_folder_is_not_the_dashboards_folder()
    {
        // Grafana issue #125079: an alert folder titled like the dashboard provider's folder is duplicated.
        var providerFolder = Files.Yaml(Repo.DashboardProvisioning)["providers"].Items().Single()["folder"].Text();
        foreach (var group in Files.Yaml(Repo.GrafanaAlerts)["groups"].Items())
        {
            Assert.NotEqual(providerFolder, group["folder"].Text());
        }
    }

    [Fact]
    public void The_titles_are_the_prometheus_alert_names()
    {
        Assert.Equal(
            Rules.Alerts.Select(TitleOf).Order(StringComparer.Ordinal),
            GrafanaRules().Select(r => r["title"].Text()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_rule_has_the_prometheus_query_threshold_duration_severity_and_annotations()
    {
        var grafana = GrafanaRules().ToDictionary(r => r["title"].Text(), StringComparer.Ordinal);
        foreach (var alert in Rules.Alerts)
        {
            var rule = grafana[TitleOf(alert)];
            var threshold = Threshold(rule);
            var queryA = Normalize(QueryA(rule));
            var expected = Normalize(alert.Expr);
            var same = expected == Normalize($"({QueryA(rule)}) > {threshold.ToString(CultureInfo.InvariantCulture)}")
                || expected == Normalize($"{QueryA(rule)} > {threshold.ToString(CultureInfo.InvariantCulture)}");
            Assert.True(same,
                $"{alert.Name}: the Prometheus rule is\n  {expected}\nbut Grafana's query A and threshold {threshold} make\n  ({queryA}) > {threshold}");
            Assert.Equal(alert.For, rule["for"].Text());
            Assert.Equal(
                alert.Node["labels"]!.AsObject().Select(p => $"{p.Key}={p.Value.Text()}").Order(StringComparer.Ordinal),
                rule["labels"]!.AsObject().Select(p => $"{p.Key}={p.Value.Text()}").Order(StringComparer.Ordinal));
            Assert.Equal(alert.Annotation("summary"), rule["annotations"]?["summary"].Text());
            Assert.Equal(alert.Annotation("runbook_url"), rule["annotations"]?["runbook_url"].Text());
            Assert.Equal(
                Normalize(TemplateQuery().Replace(alert.Annotation("description"), "").Replace("$value", "$values.B.Value", StringComparison.Ordinal)),
                Normalize(rule["annotations"]?["description"].Text() ?? ""));
        }
    }

    [Fact]
    public void Thresholds_of_the_simple_alerts_are_in_the_threshold_expression()
    {
        // Only the multi-window burn-rate alerts keep their thresholds inside the query (two window pairs, one condition).
        // The meta-monitoring rules return 1 (or 1 - up) only when something is wrong: their threshold is 0 too.
        // The policy's alerts (per operation, per job, per instance, each with a ratio and a low-volume branch) keep
        // their thresholds in the query as well: no single threshold fits every branch.
        var zero = new[] { "ErrorBudgetBurn", "RecordingRulesMissing", "TargetDown", "MetricOverflow" };
        foreach (var rule in GrafanaRules().Where(r => !zero.Any(z => r["title"].Text().Contains(z, StringComparison.Ordinal))
            && !QueryA(r).Contains("partner_center_failure_kind", StringComparison.Ordinal)))
        {
            Assert.True(Threshold(rule) > 0, $"{rule["title"].Text()}: the threshold should be in expression C, not inside the query");
        }
    }

    /// <summary>The Grafana title of a Prometheus rule: its name, and its windows for the burn-rate pairs.</summary>
    internal static string TitleOf(Rule alert) =>
        alert.Label("long_window") is { Length: > 0 } longWindow ? $"{alert.Name} ({longWindow}/{alert.Label("short_window")})" : alert.Name;

    internal static IEnumerable<JsonNode> GrafanaRules() =>
        Files.Yaml(Repo.GrafanaAlerts)["groups"].Items().SelectMany(g => g["rules"].Items());

    internal static string QueryA(JsonNode rule) =>
        rule["data"].Items().Single(d => d["refId"].Text() == "A")["model"]!["expr"].Text();

    private static double Threshold(JsonNode rule)
    {
        var threshold = rule["data"].Items().Single(d => d["model"]?["type"].Text() == "threshold");
        var evaluator = threshold["model"]!["conditions"].Items().Single()["evaluator"]!;
        Assert.Equal("gt", evaluator["type"].Text());
        return evaluator["params"].Items().Single().Number();
    }

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The "top error code" sentence: a Prometheus template query, which Grafana's templates cannot run.</summary>
    [GeneratedRegex(@"\{\{ with printf .*?\{\{ end \}\}\{\{ end \}\}", RegexOptions.Singleline)]
    private static partial Regex TemplateQuery();
}
