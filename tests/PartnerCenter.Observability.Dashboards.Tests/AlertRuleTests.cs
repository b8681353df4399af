using System.Globalization;
using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>The Prometheus alerting rules follow the conventions and compute what they say, from the raw metrics.</summary>
public sealed partial class AlertRuleTests
{
    private const string Fallback = "or on () (0 * partner_center:slo:objective)";

    /// <summary>Every alert, its owner, its category label (empty when it has none) and the scope it is evaluated on.</summary>
    public static TheoryData<string, string, string, string> Owners => new()
    {
        { "PartnerCenterThrottlingSpike", "microsoft", "quota", "job, partner_center_operation" },
        { "PartnerCenterServerErrorsSpike", "microsoft", "transient", "job, partner_center_operation" },
        { "PartnerCenterNetworkErrorsSpike", "network", "transient", "job, partner_center_operation" },
        { "PartnerCenterEligibilityErrorsSpike", "contract", "eligibility", "job, partner_center_operation" },
        { "PartnerCenterCountLimitsReached", "contract", "quota", "job, partner_center_operation" },
        { "PartnerCenterAuthFailures", "credentials", "auth", "job, instance" },
        { "PartnerCenterValidationErrorsSpike", "ours", "validation", "job, partner_center_operation" },
        { "PartnerCenterNotFoundErrorsSpike", "ours", "not_found", "job, partner_center_operation" },
        { "PartnerCenterConflictErrorsSpike", "ours", "conflict", "job, partner_center_operation" },
        { "PartnerCenterUnknownErrorsSpike", "ours", "unknown", "job, partner_center_operation" },
        { "PartnerCenterErrorsInOverflow", "ours", "", "job" },
        { "PartnerCenterLatencyHigh", "microsoft", "", "job, partner_center_operation" },
        { "PartnerCenterErrorBudgetBurn", "microsoft", "transient", "job" },
        { "PartnerCenterErrorBudgetBurnSlow", "microsoft", "transient", "job" },
        { "PartnerCenterRecordingRulesMissing", "ours", "", "" },
        { "PartnerCenterTargetDown", "ours", "", "job, instance" },
        { "PartnerCenterMetricOverflow", "ours", "", "job, instance" },
    };

    private static readonly HashSet<string> MetaAlerts = new(StringComparer.Ordinal)
    {
        "PartnerCenterRecordingRulesMissing", "PartnerCenterTargetDown", "PartnerCenterMetricOverflow",
    };

    [Fact]
    public void Every_alert_has_an_owner_row_and_every_row_an_alert()
    {
        Assert.Equal(
            Owners.Select(row => row.Data.Item1).Order(StringComparer.Ordinal),
            Rules.Alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Owners))]
    public void Each_alert_says_its_owner_and_category(string alert, string owner, string category, string scope)
    {
        foreach (var rule in Rules.Alerts.Where(a => a.Name == alert))
        {
            Assert.Equal(owner, rule.Label("owner"));
            Assert.Equal(category, rule.Label("partner_center_error_category"));
            foreach (var label in scope.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.Contains("$labels." + label + " ", rule.Annotation("description"), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Owners))]
    public void Each_ratio_alert_is_evaluated_on_its_scope(string alert, string owner, string category, string scope)
    {
        _ = owner;
        _ = category;
        if (MetaAlerts.Contains(alert))
        {
            // Meta-monitoring alerts watch the setup, not a ratio of attempts.
            Assert.DoesNotContain(Rules.Alerts.Where(a => a.Name == alert), a => a.Expr.Contains("ratio", StringComparison.Ordinal));
            return;
        }

        foreach (var rule in Rules.Alerts.Where(a => a.Name == alert))
        {
            Assert.Contains($"and on ({scope})", Normalize(rule.Expr), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_templated_description_and_a_runbook()
    {
        Assert.Equal(Rules.Alerts.Count, Rules.Alerts.Select(a => (a.Name, a.Label("long_window"))).Distinct().Count());
        foreach (var alert in Rules.Alerts)
        {
            Assert.Matches("^PartnerCenter[A-Z][A-Za-z]+$", alert.Name);
            Assert.Contains(alert.Label("severity"), new[] { "critical", "warning", "info" });
            Assert.Contains(alert.Label("owner"), new[] { "ours", "contract", "credentials", "microsoft", "network" });
            Assert.False(string.IsNullOrWhiteSpace(alert.Annotation("summary")), $"{alert.Name}: no summary");
            Assert.DoesNotContain("{{", alert.Annotation("summary"), StringComparison.Ordinal);
            if (alert.Name != "PartnerCenterRecordingRulesMissing")
            {
                // The one alert about a missing series has no labels to name.
                Assert.Contains("{{ $labels.job }}", alert.Annotation("description"), StringComparison.Ordinal);
            }

            if (!MetaAlerts.Contains(alert.Name))
            {
                Assert.Matches(@"\{\{ \$value \| humanize(Percentage|Duration) \}\}", alert.Annotation("description"));
            }

            Assert.Matches("^https://[^#\\s]+#[a-z0-9-]+$", alert.Annotation("runbook_url"));
            Assert.False(string.IsNullOrWhiteSpace(alert.For), $"{alert.Name}: no 'for'");
        }
    }

    [Fact]
    public void Every_ratio_alert_needs_a_minimum_count_of_failures_not_a_traffic_rate()
    {
        // At least 10 failed calls with the ratio; fewer (3) only when not one call succeeded (the low-volume branch).
        foreach (var alert in Rules.Alerts.Where(a => !MetaAlerts.Contains(a.Name) && a.Name != "PartnerCenterLatencyHigh"))
        {
            var expr = Normalize(alert.Expr);
            var guards = CountGuard().Matches(expr);
            Assert.True(guards.Count > 0, $"{alert.Name} has no minimum count ('partner_center:...failures:increase1h >= N' or '... rate<w> * <seconds> >= N')");
            Assert.Contains(guards, g => int.Parse(g.Groups["n"].Value, CultureInfo.InvariantCulture) >= 10);
            foreach (Match guard in guards.Where(g => int.Parse(g.Groups["n"].Value, CultureInfo.InvariantCulture) < 10))
            {
                Assert.Equal("3", guard.Groups["n"].Value);
                Assert.StartsWith(" unless on (", expr[(guard.Index + guard.Length)..], StringComparison.Ordinal);
                Assert.Matches(@"^ unless on \([a-z_, ]+\) partner_center:[a-z_]*successes:seen1h\)", expr[(guard.Index + guard.Length)..]);
            }

            Assert.DoesNotMatch(@"requests:rate\w+\s*>=", alert.Expr);
        }
    }

    [Fact]
    public void The_count_guards_count_the_kind_of_the_ratio()
    {
        foreach (var alert in Rules.Alerts)
        {
            var kinds = Kind().Matches(alert.Expr).Select(m => m.Groups["k"].Value).Distinct(StringComparer.Ordinal).ToList();
            Assert.True(kinds.Count <= 1, $"{alert.Name} mixes kinds {string.Join(", ", kinds)}");
        }
    }

    [Fact]
    public void Paging_alerts_return_a_value_whenever_the_recording_rules_are_loaded()
    {
        foreach (var alert in Rules.Alerts.Where(a => a.Label("severity") == "critical" && !MetaAlerts.Contains(a.Name)))
        {
            Assert.Contains(Fallback, Normalize(alert.Expr), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Throttling_is_keyed_on_status_429_not_on_the_quota_category()
    {
        // The failures of kind throttling select the 429 answers, whatever their category (the quota category also
        // holds count limits, which no amount of waiting fixes).
        var failures = Rules.Recording.Single(r => r.Name == "partner_center:failures:increase1h" && r.Label("partner_center_failure_kind") == "throttling").Expr;
        Assert.Contains("errors_by_answer:increase1h{http_response_status_code=\"429\"}", failures, StringComparison.Ordinal);
        Assert.Contains("partner_center_failure_kind=\"throttling\"", Rules.Alerts.Single(a => a.Name == "PartnerCenterThrottlingSpike").Expr, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_limits_are_quota_without_429()
    {
        var expanded = Expanded("PartnerCenterCountLimitsReached");
        Assert.Contains("partner_center_error_category=\"quota\",http_response_status_code!=\"429\"", expanded, StringComparison.Ordinal);
    }

    [Fact]
    public void Network_errors_are_transient_without_a_status()
    {
        Assert.Contains("partner_center_error_category=\"transient\",http_response_status_code=\"\"", Expanded("PartnerCenterNetworkErrorsSpike"), StringComparison.Ordinal);
    }

    [Fact]
    public void Server_errors_are_transient_failures_with_a_status()
    {
        Assert.Contains("partner_center_error_category=\"transient\",http_response_status_code!=\"\"", Expanded("PartnerCenterServerErrorsSpike"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1h", "5m", "14.4", "2m", "critical", "1h")]
    [InlineData("6h", "30m", "6", "15m", "critical", "6h")]
    [InlineData("1d", "2h", "3", "1h", "warning", "1d")]
    [InlineData("3d", "6h", "1", "3h", "warning", "3d")]
    public void Each_burn_rate_window_pair_is_its_own_rule_with_the_anchors_for(string longWindow, string shortWindow, string factor, string forDuration, string severity, string countWindow)
    {
        var rule = Rules.Alerts.Single(a => a.Name.StartsWith("PartnerCenterErrorBudgetBurn", StringComparison.Ordinal) && a.Label("long_window") == longWindow);
        Assert.Equal(shortWindow, rule.Label("short_window"));
        Assert.Equal(forDuration, rule.For);
        Assert.Equal(severity, rule.Label("severity"));
        Assert.Equal(severity == "critical" ? "PartnerCenterErrorBudgetBurn" : "PartnerCenterErrorBudgetBurnSlow", rule.Name);
        var expr = Normalize(rule.Expr);
        Assert.Contains($"partner_center:job_transient_errors:ratio_rate{longWindow} > on () group_left () ({factor} * partner_center:slo:error_budget)", expr, StringComparison.Ordinal);

        // The short window stops the alert only when it has calls and they are under the burn rate: a batch job
        // between two runs has no calls and stays paged.
        Assert.Contains($"unless on (job) (partner_center:job_calls:rate{shortWindow} * ", expr, StringComparison.Ordinal);
        Assert.Contains($"partner_center:job_transient_errors:ratio_rate{shortWindow} <= on () group_left () ({factor} * partner_center:slo:error_budget)", expr, StringComparison.Ordinal);

        Assert.Matches($@"partner_center:job_transient_errors:rate{countWindow} \* \d+ >= 10", expr);
    }

    [Theory]
    [InlineData("5m")]
    [InlineData("30m")]
    [InlineData("1h")]
    [InlineData("2h")]
    [InlineData("6h")]
    [InlineData("1d")]
    [InlineData("3d")]
    [InlineData("30d")]
    public void The_error_budget_is_transient_failures_over_calls_that_were_not_cancelled(string window)
    {
        // Failed calls: transient answers with a status (network failures are ours) minus the transient retries; calls:
        // attempts that were not cancelled minus every retry.
        var ratio = Rules.Expand($"partner_center:job_transient_errors:ratio_rate{window}");
        Assert.Contains($"partner_center_error_category=\"transient\",http_response_status_code!=\"\"}}[{window}]", ratio, StringComparison.Ordinal);
        Assert.Contains($"partner_center_client_retries_total{{partner_center_error_category=\"transient\"}}[{window}]", ratio, StringComparison.Ordinal);
        Assert.Contains($"partner_center_client_retries_total[{window}]", ratio, StringComparison.Ordinal);
        Assert.Contains($"partner_center_client_request_duration_seconds_count{{error_type!=\"cancelled\"}}[{window}]", ratio, StringComparison.Ordinal);
        Assert.DoesNotContain("_bucket", ratio, StringComparison.Ordinal);
        Assert.DoesNotContain("429", ratio, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_denominator_leaves_cancelled_attempts_out()
    {
        foreach (var rule in Rules.Recording.Where(r => (r.Name.Contains("requests:", StringComparison.Ordinal) || r.Name.Contains("calls:", StringComparison.Ordinal)) && !r.Name.Contains("by_status", StringComparison.Ordinal)))
        {
            Assert.Contains("error_type!=\"cancelled\"", Rules.Expand(rule.Expr), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_slo_target_is_written_in_one_place()
    {
        var text = File.ReadAllText(Repo.RecordingRules) + File.ReadAllText(Repo.AlertRules) + File.ReadAllText(Repo.GrafanaAlerts);
        Assert.Equal(1, Regex.Count(text, @"0\.995\b"));
        Assert.Equal("vector(0.995)", Rules.Recording.Single(r => r.Name == "partner_center:slo:objective").Expr.Trim());
        Assert.DoesNotMatch(@"\b0\.005\b", string.Join('\n', Rules.Alerts.Select(a => a.Expr)));
        Assert.Contains("vector(0.995)", Rules.Expand("partner_center:job_error_budget:remaining30d"), StringComparison.Ordinal);
        foreach (var burn in Rules.Alerts.Where(a => a.Name.StartsWith("PartnerCenterErrorBudgetBurn", StringComparison.Ordinal)))
        {
            Assert.Contains("vector(0.995)", Rules.Expand(burn.Expr), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_recording_rules_the_alerts_share_exist_and_only_the_percentile_reads_buckets()
    {
        var names = Rules.RecordedNames;
        Assert.Contains("partner_center:requests:rate5m", names);
        Assert.Contains("partner_center:errors:rate5m", names);
        Assert.Contains("partner_center:job_error_budget:remaining30d", names);
        Assert.Contains(Rules.Recording, r => r.Name == "partner_center:errors:rate5m" && PromQl.LabelNames(r.Expr).Contains("partner_center_error_category"));
        // The p95 (and its alert) and the successful-call buckets the overview's latency panel reads are the only readers of buckets.
        string[] bucketReaders = ["partner_center:request_duration:p95_rate5m", "PartnerCenterLatencyHigh", "partner_center:request_duration_success_bucket:rate5m"];
        foreach (var rule in Rules.Recording.Concat(Rules.Alerts).Where(r => !bucketReaders.Contains(r.Name)))
        {
            Assert.DoesNotContain("_bucket", Rules.Expand(rule.Expr), StringComparison.Ordinal);
        }

        Assert.StartsWith("histogram_quantile(0.95,", Rules.Recording.Single(r => r.Name == "partner_center:request_duration:p95_rate5m").Expr.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_reads_the_recording_rules_that_exist()
    {
        foreach (var alert in Rules.Alerts)
        {
            Assert.All(PromQl.MetricNames(alert.Expr), metric => Assert.Contains(metric, Rules.RecordedNames));
        }
    }

    [Fact]
    public void The_overflow_rule_watches_every_metric_family_of_the_library()
    {
        var expr = Rules.Recording.Single(r => r.Name == "partner_center:overflow_series:count").Expr;
        foreach (var (family, series) in TelemetryContract.MetricFamilies)
        {
            Assert.Contains(series[^1] + "{otel_metric_overflow=\"true\"}", expr, StringComparison.Ordinal);
            _ = family;
        }
    }

    private static string Expanded(string alert) => Rules.Expand(Rules.Alerts.First(a => a.Name == alert).Expr);

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(partner_center:[a-z_]*failures:increase1h(\{[^}]*\})?|partner_center:job_transient_errors:rate\w+ \* \d+) >= (?<n>\d+)")]
    private static partial Regex CountGuard();

    [GeneratedRegex("partner_center_failure_kind=\"(?<k>[a-z_]+)\"")]
    private static partial Regex Kind();
}
