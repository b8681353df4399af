using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>The Prometheus alerting rules follow the conventions and compute what they say, from the raw metrics.</summary>
public sealed partial class AlertRuleTests
{
    /// <summary>SLO 99.5%: the error budget is 0.5% of attempts (docs/runbooks.md).</summary>
    private const string ErrorBudget = "0.005";

    [Fact]
    public void The_alerts_the_issue_asks_for_exist()
    {
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "PartnerCenterThrottlingSpike", "PartnerCenterServerErrorsSpike", "PartnerCenterEligibilityErrorsSpike",
                "PartnerCenterAuthFailures", "PartnerCenterErrorBudgetBurn",
            },
            Rules.Alerts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_templated_description_and_a_runbook()
    {
        Assert.Equal(Rules.Alerts.Count, Rules.Alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var alert in Rules.Alerts)
        {
            Assert.Matches("^PartnerCenter[A-Z][A-Za-z]+$", alert.Name);
            Assert.Contains(alert.Label("severity"), new[] { "critical", "warning", "info" });
            Assert.False(string.IsNullOrWhiteSpace(alert.Annotation("summary")), $"{alert.Name}: no summary");
            Assert.DoesNotContain("{{", alert.Annotation("summary"), StringComparison.Ordinal);
            Assert.Contains("{{ $labels.job }}", alert.Annotation("description"), StringComparison.Ordinal);
            Assert.Contains("{{ $value | humanizePercentage }}", alert.Annotation("description"), StringComparison.Ordinal);
            Assert.Matches("^https://[^#\\s]+#[a-z0-9-]+$", alert.Annotation("runbook_url"));
            Assert.False(string.IsNullOrWhiteSpace(alert.For), $"{alert.Name}: no 'for'");
        }
    }

    [Fact]
    public void Every_alert_has_a_traffic_guard()
    {
        foreach (var alert in Rules.Alerts)
        {
            var guards = TrafficGuard().Matches(alert.Expr);
            Assert.True(guards.Count > 0, $"{alert.Name} has no minimum request rate ('and on (...) partner_center:...requests:rate... >= N')");
            Assert.All(guards, g => Assert.True(double.Parse(g.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0));
        }
    }

    [Fact]
    public void Throttling_is_keyed_on_status_429_not_on_the_quota_category()
    {
        var expanded = Expanded("PartnerCenterThrottlingSpike");
        Assert.Contains("http_response_status_code=\"429\"", expanded, StringComparison.Ordinal);
        Assert.DoesNotContain("quota", expanded, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_errors_are_keyed_on_5xx_statuses()
    {
        Assert.Contains("http_response_status_code=~\"5..\"", Expanded("PartnerCenterServerErrorsSpike"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PartnerCenterEligibilityErrorsSpike", "eligibility")]
    [InlineData("PartnerCenterAuthFailures", "auth")]
    public void Category_alerts_are_keyed_on_their_category(string alert, string category)
    {
        Assert.Contains($"partner_center_error_category=\"{category}\"", Rules.Alerts.Single(a => a.Name == alert).Expr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PartnerCenterErrorBudgetBurn", new[] { "1h", "5m", "6h", "30m" }, new[] { "14.4", "6" })]
    [InlineData("PartnerCenterErrorBudgetBurnSlow", new[] { "1d", "2h" }, new[] { "3" })]
    public void The_error_budget_is_transient_failures_over_all_attempts_in_each_window(string alert, string[] windows, string[] factors)
    {
        var expr = Rules.Alerts.Single(a => a.Name == alert).Expr;
        foreach (var window in windows)
        {
            Assert.Contains($"partner_center:job_transient_errors:ratio_rate{window} >", expr, StringComparison.Ordinal);
            var ratio = Rules.Expand($"partner_center:job_transient_errors:ratio_rate{window}");
            Assert.Contains($"partner_center_error_category=\"transient\"}}[{window}]", ratio, StringComparison.Ordinal);
            Assert.Contains($"partner_center_client_request_duration_seconds_count[{window}]", ratio, StringComparison.Ordinal);
            Assert.DoesNotContain("_bucket", ratio, StringComparison.Ordinal);
            Assert.DoesNotContain("429", ratio, StringComparison.Ordinal);
        }

        foreach (var factor in factors)
        {
            Assert.Contains($"({factor} * {ErrorBudget})", expr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_recording_rules_the_alerts_share_exist_and_no_ratio_reads_buckets()
    {
        var names = Rules.RecordedNames;
        Assert.Contains("partner_center:requests:rate5m", names);
        Assert.Contains("partner_center:errors:rate5m", names);
        Assert.Contains(Rules.Recording, r => r.Name == "partner_center:errors:rate5m" && PromQl.LabelNames(r.Expr).Contains("partner_center_error_category"));
        foreach (var rule in Rules.Recording.Concat(Rules.Alerts))
        {
            Assert.DoesNotContain("_bucket", Rules.Expand(rule.Expr), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_alert_reads_the_recording_rules_that_exist()
    {
        foreach (var alert in Rules.Alerts)
        {
            Assert.All(PromQl.MetricNames(alert.Expr), metric => Assert.Contains(metric, Rules.RecordedNames));
        }
    }

    private static string Expanded(string alert) => Rules.Expand(Rules.Alerts.Single(a => a.Name == alert).Expr);

    [GeneratedRegex(@"and on \([^)]*\)\s*partner_center:[a-z_]*requests:rate\w+\s*>=\s*([0-9.]+)")]
    private static partial Regex TrafficGuard();
}
