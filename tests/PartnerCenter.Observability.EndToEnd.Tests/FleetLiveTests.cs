using System.Diagnostics;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

namespace PartnerCenter.Observability.EndToEnd.Tests;

/// <summary>
/// A fleet, not one instance: three demo processes (different seeds) scraped by one Prometheus as one job. Two run a
/// throttle storm, the third has failing credentials. The fleet alert (throttling, per job and operation) fires once
/// per operation for the fleet, with no instance label; the auth alert fires for the job and never names an instance
/// whose credentials work; the recorded ratios are fleet-wide (one series per operation, not per instance); the
/// overview's per-instance drill-down (instance variable) shows each instance's own failures.
/// </summary>
public sealed class FleetLiveTests(ITestOutputHelper output)
{
    private const string Job = "partner-center-demo";

    /// <summary>On an idle machine both alerts are active within about 15 seconds; the bound is for a loaded machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Fleet_alerts_fire_once_per_operation_for_the_fleet_and_the_drill_down_tells_instances_apart()
    {
        Prerequisite.Require(Promtool.FindOnPath("prometheus") is null, "prometheus is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus package.");
        await using var storm1 = DemoProcess.Start("--scenario", "throttle-storm", "--duration", "240", "--rate", "10", "--seed", "21");
        await using var storm2 = DemoProcess.Start("--scenario", "throttle-storm", "--duration", "240", "--rate", "10", "--seed", "22");
        await using var auth = DemoProcess.Start("--scenario", "auth-failure", "--duration", "240", "--rate", "10", "--seed", "23");
        DemoProcess[] fleet = [storm1, storm2, auth];
        await using var prometheus = await PrometheusServer.StartAsync([.. fleet.Select(d => d.MetricsUrl)], Job, alertmanager: null, exemplars: false);
        var authInstance = auth.MetricsUrl.Authority;

        var clock = Stopwatch.StartNew();
        IReadOnlyList<(string State, IReadOnlyDictionary<string, string> Labels)> alerts = [];
        var up = 0.0;
        bool Ready() => up == 3
            && alerts.Any(a => a.State == "firing" && a.Labels["alertname"] == "PartnerCenterThrottlingSpike")
            && alerts.Any(a => a.State == "firing" && a.Labels["alertname"] == "PartnerCenterAuthFailures");
        while (clock.Elapsed < Bound && !Ready())
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            alerts = await prometheus.AlertsWithLabelsAsync();
            up = await prometheus.ScalarAsync($"sum(up{{job=\"{Job}\"}})");
        }

        var context = $"after {clock.Elapsed.TotalSeconds:F0} s, {up} targets up; alerts: [{string.Join("; ", alerts.Select(a => a.State + " " + string.Join(",", a.Labels.Select(l => l.Key + "=" + l.Value))))}]\n{prometheus.Log}";
        Assert.True(Ready(), context);

        // The fleet alert: one per (job, operation), never one per instance. The per-job branch may hold one more (no
        // operation): it can fire before the operations have enough failed calls each, and keep_firing_for keeps it.
        var throttling = alerts.Where(a => a.Labels["alertname"] == "PartnerCenterThrottlingSpike").ToList();
        Assert.All(throttling, a => Assert.False(a.Labels.ContainsKey("instance"), $"the throttling alert is per fleet, not per instance: {context}"));
        var perOperation = throttling.Where(a => a.Labels.ContainsKey("partner_center_operation")).ToList();
        Assert.Equal(perOperation.Count, perOperation.Select(a => a.Labels["partner_center_operation"]).Distinct(StringComparer.Ordinal).Count());
        Assert.True(throttling.Count - perOperation.Count <= 1, $"more than one per-job throttling alert for one job: {context}");

        // The auth page (dashboards/alerting-policy.yaml): its scopes are tried per operation, then per job, then per
        // instance, and the first that holds for the job names the page. One instance of three failing every call fails
        // a third of each operation's calls, so the page names operations; it never names an instance whose
        // credentials work.
        var authAlerts = alerts.Where(a => a.Labels["alertname"] == "PartnerCenterAuthFailures").ToList();
        Assert.All(authAlerts, a => Assert.True(
            a.Labels.GetValueOrDefault("job") == Job && (!a.Labels.TryGetValue("instance", out var instance) || instance == authInstance),
            $"PartnerCenterAuthFailures names an instance or job without failing credentials: {context}"));
        output.WriteLine($"after {clock.Elapsed.TotalSeconds:F0} s: PartnerCenterThrottlingSpike {throttling.Count} (one per throttled operation, no instance label); PartnerCenterAuthFailures {authAlerts.Count} (instance {authInstance}); all active: {alerts.Count}");

        // Ratios are fleet-wide: one recorded series per operation, and its value lies between the instances' own.
        // 429s are counted on the errors counter (the duration histogram carries no status).
        var ratios = await prometheus.VectorAsync($"partner_center:throttled:ratio_rate5m{{job=\"{Job}\"}}");
        Assert.NotEmpty(ratios);
        Assert.All(ratios, r => Assert.False(r.Labels.ContainsKey("instance"), "partner_center:throttled:ratio_rate5m is per instance"));
        Assert.Equal(ratios.Count, ratios.Select(r => r.Labels["partner_center_operation"]).Distinct(StringComparer.Ordinal).Count());
        var perInstance = await prometheus.VectorAsync(
            $"(sum by (instance) (rate(partner_center_client_errors_total{{job=\"{Job}\", http_response_status_code=\"429\"}}[1m])) or sum by (instance) (rate(partner_center_client_request_duration_seconds_count{{job=\"{Job}\"}}[1m])) * 0) / sum by (instance) (rate(partner_center_client_request_duration_seconds_count{{job=\"{Job}\"}}[1m]))");
        var fleetRatio = await prometheus.ScalarAsync(
            $"sum(rate(partner_center_client_errors_total{{job=\"{Job}\", http_response_status_code=\"429\"}}[1m])) / sum(rate(partner_center_client_request_duration_seconds_count{{job=\"{Job}\"}}[1m]))");
        output.WriteLine($"429 ratio: fleet {fleetRatio:P1}; per instance {string.Join(", ", perInstance.Select(p => $"{p.Labels["instance"]} {p.Value:P1}"))}");
        Assert.Equal(3, perInstance.Count);
        Assert.InRange(fleetRatio, perInstance.Min(p => p.Value), perInstance.Max(p => p.Value));
        Assert.True(perInstance.Single(p => p.Labels["instance"] == authInstance).Value < fleetRatio, "the auth instance is not throttled: the fleet ratio averages it in");

        // The per-instance drill-down: the overview's owner row, narrowed with the instance variable.
        var owner = Dashboard.ByUid("partner-center-overview").QueryPanels.Single(p => p["title"].Text() == "Whose problem is it? Failed attempts by owner");
        var credentials = owner["targets"].Items().Single(t => t["legendFormat"].Text().StartsWith("Credentials", StringComparison.Ordinal))["expr"].Text();
        var microsoft = owner["targets"].Items().Single(t => t["legendFormat"].Text().StartsWith("Microsoft", StringComparison.Ordinal))["expr"].Text();
        foreach (var demo in fleet)
        {
            var instance = demo.MetricsUrl.Authority;
            var authFailures = await prometheus.ScalarAsync(ForInstance(credentials, instance));
            var throttled = await prometheus.ScalarAsync(ForInstance(microsoft, instance));
            output.WriteLine($"instance {instance}: credentials {authFailures:F0}, Microsoft {throttled:F0}");
            if (instance == authInstance)
            {
                Assert.True(authFailures > 0, $"{instance}: no auth failures in its drill-down");
            }
            else
            {
                Assert.Equal(0, authFailures);
                Assert.True(throttled > 0, $"{instance}: no 429s in its drill-down");
            }
        }
    }

    /// <summary>The panel's query with the instance variable set to one instance and every other variable to All.</summary>
    private static string ForInstance(string expr, string instance) =>
        PromQl.SubstituteGrafanaVariables(expr.Replace("\"$instance\"", $"\"{instance}\"", StringComparison.Ordinal), new HashSet<string>(StringComparer.Ordinal), ".+");
}
