using System.Globalization;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>
/// The paging policy (dashboards/alerting-policy.yaml) is the truth, and the rules follow it: a seeded generator
/// samples incidents (volume, fleet, operations, failure fraction, batch runs, bursts, restarts, scrape gaps,
/// overflow, cancellations, retries, Collector, CronJob), promtool plays them against the rules, and every incident's
/// page, ticket or silence, owner, severity and timing must be what the table says.
/// </summary>
public sealed class AlertPolicyTests(ITestOutputHelper output)
{
    /// <summary>The seed of the generated set; eng/alert-incidents.sh runs other seeds and counts.</summary>
    private const int Seed = 20251207;

    /// <summary>
    /// Incidents in CI: a fixed seeded subset (about a minute of promtool on 2 cores: its cost grows with series times
    /// evaluations). eng/alert-incidents.sh runs the whole set of 500 and more.
    /// </summary>
    private const int CiCount = 100;

    /// <summary>The size of the whole set, whose class coverage is checked without running it.</summary>
    private const int FullCount = 500;

    [Fact]
    public void The_rules_agree_with_the_policy_on_every_generated_incident()
    {
        Promtool.Require();
        var policy = AlertPolicy.Load();
        var seed = Setting("PC_ALERT_INCIDENTS_SEED", Seed);
        var count = Setting("PC_ALERT_INCIDENTS", CiCount);
        var rules = Environment.GetEnvironmentVariable("PC_ALERT_RULES_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Repo.Dashboards, "prometheus");
        var incidents = IncidentGenerator.Generate(seed, count, policy.IncidentKinds);
        var only = Environment.GetEnvironmentVariable("PC_ALERT_INCIDENTS_ONLY");
        if (only is { Length: > 0 })
        {
            // eng/alert-incidents.sh's third argument: replay named incidents of the set (ids, comma-separated).
            var ids = only.Split(',').Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToHashSet();
            incidents = [.. incidents.Where(i => ids.Contains(i.Id))];
        }

        var outcomes = IncidentRun.Run(
            policy, incidents, Path.Combine(rules, "partner-center-recording.yaml"), Path.Combine(rules, "partner-center-alerts.yaml"));

        foreach (var group in outcomes.GroupBy(o => o.Expectation).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key}: {group.Count(o => o.Agrees)} of {group.Count()} agree");
        }

        output.WriteLine($"all: {outcomes.Count(o => o.Agrees)} of {outcomes.Count} agree (seed {seed})");
        var wrong = outcomes.Where(o => !o.Agrees).ToList();
        foreach (var outcome in wrong.Take(40))
        {
            output.WriteLine($"{outcome.Expectation} {outcome.Incident}\n    {string.Join("\n    ", outcome.Disagreements.Take(4))}");
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {outcomes.Count} generated incidents disagree with the policy; first:\n" +
            string.Join("\n", wrong.Take(5).Select(o => $"{o.Expectation} {o.Incident}\n    {string.Join("\n    ", o.Disagreements.Take(3))}")));
        if (only is { Length: > 0 })
        {
            return;
        }

        Assert.True(outcomes.Count(o => o.Expectation == "page") >= count / 10, "too few generated incidents must page: the generator lost its spread");
        Assert.True(outcomes.Count(o => o.Expectation == "silent") >= count / 10, "too few generated incidents must stay silent");
    }

    [Fact]
    public void The_generated_set_covers_every_failure_class_of_the_issue()
    {
        var policy = AlertPolicy.Load();
        var incidents = IncidentGenerator.Generate(Seed, FullCount, policy.IncidentKinds);
        var features = incidents.SelectMany(i => i.Features()).GroupBy(f => f, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var classes = new[]
        {
            "low-volume", "fleet", "one-operation", "one-instance", "batch", "burst", "cronjob", "restart", "scrape-gap", "overflow",
            "collector", "cancellations", "retries-succeed",
        };
        foreach (var name in classes.Concat(policy.IncidentKinds))
        {
            Assert.True(features.GetValueOrDefault(name) >= 5, $"only {features.GetValueOrDefault(name)} generated incidents of class {name}");
        }

        // Seeded: the same seed gives the same incidents.
        Assert.Equal(incidents.Select(i => i.ToString()), IncidentGenerator.Generate(Seed, FullCount, policy.IncidentKinds).Select(i => i.ToString()));
        Assert.Equal(incidents.Take(CiCount).Select(i => i.ToString()), IncidentGenerator.Generate(Seed, CiCount, policy.IncidentKinds).Select(i => i.ToString()));
    }

    [Fact]
    public void Every_row_of_the_policy_has_its_alert_with_the_rows_owner_and_severity_and_every_alert_a_row()
    {
        var policy = AlertPolicy.Load();
        var alerts = Rules.Alerts;
        foreach (var row in policy.Rows)
        {
            var rules = alerts.Where(a => a.Name == row.Alert).ToList();
            Assert.True(rules.Count > 0, $"policy row {row.Kind}: no alert {row.Alert}");
            Assert.All(rules, r => Assert.Equal((row.Owner, row.Severity), (r.Label("owner"), r.Label("severity"))));
            Assert.All(rules, r => Assert.Equal(
                string.Join(' ', policy.Rows.Where(x => x.Alert == row.Alert).SelectMany(x => x.Pairs).Select(p => p.ForMinutes)) is { Length: > 0 } pairs ? pairs : policy.Rows.First(x => x.Alert == row.Alert).ForMinutes.ToString(CultureInfo.InvariantCulture),
                string.Join(' ', rules.Select(x => AlertPolicy.Minutes(x.For)))));
        }

        foreach (var (alert, owner, severity) in policy.Meta)
        {
            Assert.Contains(alerts, a => a.Name == alert && a.Label("owner") == owner && a.Label("severity") == severity);
        }

        Assert.All(alerts, a => Assert.True(policy.Rows.Any(r => r.Alert == a.Name) || policy.Meta.Any(m => m.Alert == a.Name), $"{a.Name} is in no row of the policy"));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
