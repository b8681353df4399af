using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>promtool on every rule file, every rule unit test and the example configuration.</summary>
public sealed class PromtoolTests
{
    public static TheoryData<string> RuleFiles => Repo.AsTheoryData(Repo.RuleFiles);

    public static TheoryData<string> RuleTestFiles => Repo.AsTheoryData(Repo.RuleTestFiles);

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void Check_rules_accepts_the_rule_file(string file)
    {
        var output = Promtool.AssertSucceeds(Repo.Root, "check", "rules", Repo.Full(file));
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleTestFiles))]
    public void Rule_unit_tests_pass(string file)
    {
        var path = Repo.Full(file);
        var output = Promtool.AssertSucceeds(Path.GetDirectoryName(path)!, "test", "rules", Path.GetFileName(path));
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_configuration_loads_both_rule_files_and_alertmanager_as_they_are()
    {
        var output = Promtool.AssertSucceeds(Repo.Root, "check", "config", Repo.ExampleConfig);
        Assert.Contains("SUCCESS: 2 rule files found", output, StringComparison.Ordinal);
        var alertmanagers = Files.Yaml(Repo.ExampleConfig)["alerting"]?["alertmanagers"].Items().ToList() ?? [];
        Assert.NotEmpty(alertmanagers);
    }

    [Fact]
    public void A_broken_rule_file_fails_the_check()
    {
        // The check is only worth something if promtool really rejects bad PromQL.
        var file = Path.Combine(Path.GetTempPath(), $"pc-broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "groups:\n  - name: broken\n    rules:\n      - record: broken:rule\n        expr: sum by (job (rate(x[5m]))\n");
        try
        {
            var (exit, output) = Promtool.Run(Repo.Root, "check", "rules", file);
            Assert.True(exit != 0, "promtool accepted a broken rule file:\n" + output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The one unit test file that loads the alerts without the recording rules, on purpose.</summary>
    private const string WithoutRecordingRules = "recording-rules-missing.test.yaml";

    [Fact]
    public void Every_rule_unit_test_file_loads_both_rule_files_but_the_missing_rules_one()
    {
        foreach (var path in Repo.RuleTestFiles)
        {
            var ruleFiles = Files.Yaml(path)["rule_files"].Items().Select(f => Path.GetFileName(f.Text())).ToList();
            Assert.Equal(
                Path.GetFileName(path) == WithoutRecordingRules ? ["partner-center-alerts.yaml"] : ["partner-center-recording.yaml", "partner-center-alerts.yaml"],
                ruleFiles);
        }

        Assert.Contains(Repo.RuleTestFiles, path => Path.GetFileName(path) == WithoutRecordingRules);
    }

    /// <summary>The scenarios of issue 15 and the unit test that plays each, with the one alert it must fire.</summary>
    public static TheoryData<string, string> Scenarios => new()
    {
        { "a low-volume total outage of credentials pages", "PartnerCenterAuthFailures" },
        { "half the attempts throttled at low volume fires throttling", "PartnerCenterThrottlingSpike" },
        { "one dead operation is not diluted by its job", "PartnerCenterServerErrorsSpike" },
        { "one bad instance out of 30 is not diluted by its job", "PartnerCenterAuthFailures" },
        { "a validation storm pages us", "PartnerCenterValidationErrorsSpike" },
        { "unknown errors are ours", "PartnerCenterUnknownErrorsSpike" },
        { "a count-limit storm fires count limits, not throttling", "PartnerCenterCountLimitsReached" },
        { "slow answers fire latency", "PartnerCenterLatencyHigh" },
        { "cancelled attempts leave the denominator", "PartnerCenterErrorBudgetBurn" },
        { "a sustained 2% fires both tickets and no page", "PartnerCenterErrorBudgetBurnSlow" },
        { "alerts without the recording rules fire recording rules missing", "PartnerCenterRecordingRulesMissing" },
        { "a target that stops answering fires target down", "PartnerCenterTargetDown" },
        { "the cardinality overflow series fires overflow", "PartnerCenterMetricOverflow" },
        { "an eligibility spike fires eligibility and nothing else", "PartnerCenterEligibilityErrorsSpike" },
        { "an auth storm fires auth and nothing else", "PartnerCenterAuthFailures" },
        { "a 429 storm fires throttling and nothing else", "PartnerCenterThrottlingSpike" },
        { "a retired route failing on every call pages us", "PartnerCenterNotFoundErrorsSpike" },
        { "most updates conflicting opens a ticket", "PartnerCenterConflictErrorsSpike" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Each_scenario_fires_exactly_the_alert_meant_for_it(string test, string alert)
    {
        var cases = RuleTestCases().Where(c => c.Test == test).ToList();
        Assert.True(cases.Count > 0, $"no rule unit test named '{test}'");
        var others = Rules.Alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal).Where(n => n != alert).ToList();

        // At some evaluation time the alert fires, nothing else fires, and every other alert is checked silent.
        var times = cases.Where(c => c.Alert == alert && c.Fires).Select(c => c.EvalTime).ToList();
        Assert.True(times.Count > 0, $"'{test}' never expects {alert} to fire");
        Assert.Contains(times, at =>
            !cases.Any(c => c.EvalTime == at && c.Fires && c.Alert != alert)
            && others.All(other => cases.Any(c => c.Alert == other && c.EvalTime == at && !c.Fires)));
    }

    [Fact]
    public void Every_alert_has_a_unit_test_that_fires_it_and_one_that_holds_it()
    {
        var cases = RuleTestCases().ToList();
        foreach (var alert in Rules.Alerts.Select(a => a.Name))
        {
            Assert.True(cases.Any(c => c.Alert == alert && c.Fires), $"no unit test expects {alert} to fire");
            Assert.True(cases.Any(c => c.Alert == alert && !c.Fires), $"no unit test expects {alert} to stay silent");
        }
    }

    [Fact]
    public void Every_burn_rate_window_pair_has_a_unit_test_that_fires_it()
    {
        var fired = Repo.RuleTestFiles.SelectMany(path => Files.Yaml(path)["tests"].Items())
            .SelectMany(test => test["alert_rule_test"].Items())
            .SelectMany(c => c["exp_alerts"].Items().Select(a => (Alert: c["alertname"].Text(), Long: a["exp_labels"]?["long_window"]?.Text())))
            .ToHashSet();
        foreach (var rule in Rules.Alerts.Where(a => a.Label("long_window").Length > 0))
        {
            Assert.Contains((rule.Name, rule.Label("long_window")), fired);
        }
    }

    [Theory]
    [InlineData("healthy traffic")]
    [InlineData("failures at low traffic")]
    [InlineData("healthy low-volume job")]
    [InlineData("cancellations")]
    public void No_alert_fires_on_benign_traffic(string scenario)
    {
        var cases = RuleTestCases().Where(c => c.Test.Contains(scenario, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(cases);
        Assert.DoesNotContain(cases, c => c.Fires);
        foreach (var alert in Rules.Alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal))
        {
            Assert.True(cases.Any(c => c.Alert == alert), $"the '{scenario}' test does not check {alert}");
        }
    }

    [Theory]
    [InlineData("PartnerCenterThrottlingSpike", "PartnerCenterEligibilityErrorsSpike")]
    [InlineData("PartnerCenterEligibilityErrorsSpike", "PartnerCenterThrottlingSpike")]
    [InlineData("PartnerCenterEligibilityErrorsSpike", "PartnerCenterAuthFailures")]
    [InlineData("PartnerCenterAuthFailures", "PartnerCenterEligibilityErrorsSpike")]
    [InlineData("PartnerCenterThrottlingSpike", "PartnerCenterErrorBudgetBurn")]
    [InlineData("PartnerCenterServerErrorsSpike", "PartnerCenterAuthFailures")]
    public void A_test_where_one_alert_fires_checks_that_another_does_not(string fires, string silent)
    {
        var byTest = RuleTestCases().GroupBy(c => (c.File, c.Test));
        Assert.Contains(byTest, test =>
            test.Any(c => c.Alert == fires && c.Fires) && test.Any(c => c.Alert == silent && !c.Fires));
    }

    private sealed record Case(string File, string Test, string EvalTime, string Alert, bool Fires);

    private static IEnumerable<Case> RuleTestCases() =>
        Repo.RuleTestFiles.SelectMany(path => Files.Yaml(path)["tests"].Items().SelectMany(test =>
            test["alert_rule_test"].Items().Select(c => new Case(
                Repo.Relative(path), test["name"].Text(), c["eval_time"].Text(), c["alertname"].Text(), c["exp_alerts"].Items().Any()))));
}
