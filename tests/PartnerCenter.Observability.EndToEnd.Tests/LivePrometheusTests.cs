using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

namespace PartnerCenter.Observability.EndToEnd.Tests;

/// <summary>
/// The shipped rules and dashboards against a real Prometheus that scrapes the demo while it runs a scenario: the
/// expected alert becomes pending (or firing), no alert is active on healthy traffic, and every dashboard expression
/// meant for the scenario returns data.
/// </summary>
public sealed class LivePrometheusTests
{
    private const string Job = "partner-center-demo";

    public static TheoryData<string, string?> Scenarios => new()
    {
        { "healthy", null },
        { "throttle-storm", "PartnerCenterThrottlingSpike" },
        { "outage", "PartnerCenterServerErrorsSpike" },
        { "eligibility-spike", "PartnerCenterEligibilityErrorsSpike" },
        { "auth-failure", "PartnerCenterAuthFailures" },
    };

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Alerts_and_dashboards_work_on_real_data(string scenario, string? expectedAlert)
    {
        Skip.If(Promtool.FindOnPath("prometheus") is null, "prometheus is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus package.");
        await using var demo = DemoProcess.Start("--scenario", scenario, "--duration", "90", "--rate", "30", "--seed", "11");
        await using var prometheus = await PrometheusServer.StartAsync(demo.MetricsUrl, Job);

        // Let Prometheus scrape real traffic and evaluate the rules every second.
        var started = DateTime.UtcNow;
        var deadline = started.AddSeconds(60);
        IReadOnlyList<(string Name, string State)> alerts = [];
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            alerts = await prometheus.ActiveAlertsAsync();
            var scraped = await prometheus.ScalarAsync($"sum(partner_center_client_request_duration_seconds_count{{job=\"{Job}\"}})");
            if (DateTime.UtcNow - started >= TimeSpan.FromSeconds(20) && scraped >= 300 && (expectedAlert is null || alerts.Any(a => a.Name == expectedAlert)))
            {
                break;
            }
        }

        if (expectedAlert is null)
        {
            Assert.True(alerts.Count == 0, $"no alert may be active on {scenario} traffic: {string.Join(", ", alerts)}");
        }
        else
        {
            Assert.True(alerts.Any(a => a.Name == expectedAlert && a.State is "pending" or "firing"), $"{expectedAlert} is not pending or firing during {scenario}: [{string.Join(", ", alerts)}]\n{prometheus.Log}");
        }

        // Alerts meant for other scenarios stay quiet (a 429 storm must not fire the eligibility alert, and so on).
        var others = Scenarios.Select(row => (string?)row[1]).Where(name => name is not null && name != expectedAlert).ToHashSet();
        Assert.DoesNotContain(alerts, a => others.Contains(a.Name) && !(scenario == "outage" && a.Name.StartsWith("PartnerCenterErrorBudgetBurn", StringComparison.Ordinal)));

        var failures = new List<string>();
        foreach (var query in Dashboard.All.SelectMany(d => d.Queries).Where(q => q.Where.StartsWith("panel", StringComparison.Ordinal)))
        {
            if (MeantFor(query) is { } meant && meant != scenario)
            {
                continue;
            }

            var expr = PromQl.SubstituteGrafanaVariables(query.Expr, new HashSet<string>(StringComparer.Ordinal), ".*");
            var (series, error) = await prometheus.QueryAsync(expr);
            if (error is not null || series == 0)
            {
                failures.Add($"{query.Dashboard} {query.Where}: {(error ?? "no data")}\n  {expr}");
            }
        }

        Assert.True(failures.Count == 0, $"dashboard expressions without data during {scenario}:\n{string.Join("\n", failures)}");
    }

    /// <summary>The scenario a panel is about, from its title; null for panels that show data in every scenario.</summary>
    private static string? MeantFor(DashboardQuery query)
    {
        var where = query.Where.ToUpperInvariant();
        return where switch
        {
            _ when where.Contains("429", StringComparison.Ordinal) || where.Contains("THROTTL", StringComparison.Ordinal) || where.Contains("RETRY-AFTER", StringComparison.Ordinal) => "throttle-storm",
            _ when where.Contains("5XX", StringComparison.Ordinal) || where.Contains("SERVER ERROR", StringComparison.Ordinal) || where.Contains("TRANSIENT", StringComparison.Ordinal) => "outage",
            _ when where.Contains("ELIGIB", StringComparison.Ordinal) => "eligibility-spike",
            _ when where.Contains("AUTH", StringComparison.Ordinal) => "auth-failure",
            _ => null,
        };
    }
}
