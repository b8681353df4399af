using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>
/// Every metric and label name that a dashboard, rule, Grafana alert, rule unit test or runbook query uses is one
/// the library emits (derived from <see cref="PartnerCenterTelemetryNames"/>), a scrape label, or a recorded name.
/// </summary>
public sealed class NameContractTests
{
    [Fact]
    public void The_contract_is_derived_from_the_library()
    {
        var families = TelemetryContract.MetricFamilies;
        Assert.Equal(TelemetryContract.Instruments.Count, families.Count);
        Assert.All(TelemetryContract.MetricNames, name => Assert.Matches("^[a-z_][a-z0-9_]*$", name));
        Assert.Contains(TelemetryContract.PrometheusName(PartnerCenterTelemetryNames.Tags.ErrorCategory), TelemetryContract.LabelNames);
        Assert.DoesNotContain(TelemetryContract.PrometheusName(PartnerCenterTelemetryNames.Tags.RequestId), TelemetryContract.LabelNames);
        Assert.Contains(PartnerCenterTelemetryNames.RequestDuration.Replace('.', '_') + "_seconds_count", TelemetryContract.MetricNames);
        Assert.Contains(PartnerCenterTelemetryNames.Errors.Replace('.', '_') + "_total", TelemetryContract.MetricNames);
    }

    [Fact]
    public void Recorded_names_follow_the_level_metric_operation_convention()
    {
        Assert.All(Rules.RecordedNames, name => Assert.Matches("^partner_center:[a-z0-9_]+:[a-z0-9_]+$", name));
    }

    [Fact]
    public void The_overview_uses_every_metric_family_the_library_emits()
    {
        var used = Dashboard.ByUid(DashboardStructureTests.Overview).Queries.SelectMany(q => PromQl.MetricNames(q.Expr)).ToHashSet(StringComparer.Ordinal);
        foreach (var (family, series) in TelemetryContract.MetricFamilies)
        {
            Assert.True(series.Any(used.Contains), $"no overview panel shows {family}");
        }
    }

    [Fact]
    public void Dashboards_use_only_emitted_names()
    {
        foreach (var query in Dashboard.All.SelectMany(d => d.Queries))
        {
            var expr = DashboardQueryTests.Offline(query.Expr);
            var labels = PromQl.LabelNames(expr).Concat(PromQl.TemplateLabelNames(query.Legend));
            if (PromQl.LabelValuesQuery(query.Expr) is { } labelValues)
            {
                labels = labels.Append(labelValues.Label);
            }

            // Two panels read recorded series: the scrape-health stat (it shows whether the rules are loaded) and the
            // latency panel (a recording rule saves scanning every bucket series at each refresh).
            var recorded = query.Where.Contains("'Scrape health'", StringComparison.Ordinal) || query.Where.Contains("'Successful-call latency", StringComparison.Ordinal);
            AssertKnown($"{query.Dashboard} {query.Where}", PromQl.MetricNames(expr), labels, allowRecorded: recorded);
        }
    }

    [Fact]
    public void Prometheus_rules_use_only_emitted_and_recorded_names()
    {
        foreach (var rule in Rules.Recording.Concat(Rules.Alerts))
        {
            var templates = string.Join('\n', rule.Node["annotations"] is { } a ? a.AsObject().Select(p => p.Value.Text()) : []);
            AssertKnown($"{rule.File} {rule.Name}", PromQl.MetricNames(rule.Expr),
                PromQl.LabelNames(rule.Expr).Concat(PromQl.TemplateLabelNames(templates)), allowRecorded: true);
        }
    }

    [Fact]
    public void Recording_rules_read_only_the_library_metrics_and_earlier_recorded_names()
    {
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules.Recording)
        {
            foreach (var metric in PromQl.MetricNames(rule.Expr))
            {
                Assert.True(TelemetryContract.MetricNames.Contains(metric) || recorded.Contains(metric),
                    $"{rule.Name} reads {metric}, which is neither emitted nor recorded earlier in the file");
            }

            recorded.Add(rule.Name);
        }
    }

    [Fact]
    public void Grafana_alerts_use_only_emitted_and_recorded_names()
    {
        foreach (var rule in GrafanaAlertingTests.GrafanaRules())
        {
            var expr = GrafanaAlertingTests.QueryA(rule);
            AssertKnown($"Grafana alert {rule["title"].Text()}", PromQl.MetricNames(expr),
                PromQl.LabelNames(expr).Concat(PromQl.TemplateLabelNames(rule["annotations"]!["description"].Text())), allowRecorded: true);
        }
    }

    [Fact]
    public void Rule_unit_tests_use_only_emitted_and_recorded_names()
    {
        foreach (var path in Repo.RuleTestFiles)
        {
            foreach (var test in Files.Yaml(path)["tests"].Items())
            {
                var where = $"{Repo.Relative(path)} '{test["name"].Text()}'";
                foreach (var series in test["input_series"].Items())
                {
                    var selector = series["series"].Text();
                    AssertKnown(where, PromQl.MetricNames(selector), PromQl.LabelNames(selector), allowRecorded: false);
                }

                foreach (var exprTest in test["promql_expr_test"].Items())
                {
                    var expr = exprTest["expr"].Text();
                    AssertKnown(where, PromQl.MetricNames(expr), PromQl.LabelNames(expr), allowRecorded: true);
                }

                foreach (var alert in test["alert_rule_test"].Items().SelectMany(c => c["exp_alerts"].Items()))
                {
                    // The rules' own labels (severity, owner, windows) are not series labels; the policy's kind is recorded.
                    var labels = alert["exp_labels"] is { } l ? l.AsObject().Select(p => p.Key).Where(k => !RuleLabels.Contains(k)) : [];
                    AssertKnown(where, [], labels, allowRecorded: true);
                }
            }
        }
    }

    [Fact]
    public void Runbook_queries_use_only_emitted_and_recorded_names()
    {
        foreach (var query in DashboardQueryTests.RunbookQueries())
        {
            AssertKnown("docs/runbooks.md: " + query, PromQl.MetricNames(query), PromQl.LabelNames(query), allowRecorded: true);
        }
    }

    [Fact]
    public void The_name_scanner_tells_metrics_from_labels_functions_and_keywords()
    {
        const string expr = """
            sum by (job, partner_center_operation) (rate(partner_center_client_errors_total{partner_center_error_category="transient", x=~"a{b}"}[5m]))
            / on (job) group_left () clamp_min(partner_center:requests:rate5m offset 5m, 1e-9) > bool 0.5 or on () vector(0) # a comment metric_in_comment
            """;

        Assert.Equal(["partner_center:requests:rate5m", "partner_center_client_errors_total"], PromQl.MetricNames(expr).Order(StringComparer.Ordinal));
        Assert.Equal(["job", "partner_center_error_category", "partner_center_operation", "x"], PromQl.LabelNames(expr).Order(StringComparer.Ordinal));
    }

    /// <summary>The labels that the alerting rules set themselves (not read from any series).</summary>
    private static readonly HashSet<string> RuleLabels = new(StringComparer.Ordinal) { "severity", "owner", "long_window", "short_window" };

    private static void AssertKnown(string where, IEnumerable<string> metrics, IEnumerable<string> labels, bool allowRecorded)
    {
        var recorded = allowRecorded ? Rules.RecordedNames : new HashSet<string>();
        foreach (var metric in metrics)
        {
            Assert.True(TelemetryContract.MetricNames.Contains(metric) || recorded.Contains(metric),
                $"{where}: metric '{metric}' is not emitted by the library (PartnerCenterTelemetryNames){(allowRecorded ? " nor recorded" : "")}. Known: {string.Join(", ", TelemetryContract.MetricNames.Order(StringComparer.Ordinal))}");
        }

        // A recording rule may set a label of its own (the policy's partner_center_failure_kind): known where recorded names are.
        var recordedLabels = allowRecorded
            ? Rules.Recording.SelectMany(r => r.Node["labels"] is System.Text.Json.Nodes.JsonObject o ? o.Select(p => p.Key) : []).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var label in labels)
        {
            Assert.True(TelemetryContract.LabelNames.Contains(label) || recordedLabels.Contains(label),
                $"{where}: label '{label}' is not a metric tag of PartnerCenterTelemetryNames.Tags nor a scrape label. Known: {string.Join(", ", TelemetryContract.LabelNames.Order(StringComparer.Ordinal))}");
        }
    }
}
