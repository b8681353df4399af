using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>
/// dashboards/alertmanager/partner-center.yml: amtool (Debian's prometheus-alertmanager) accepts it, every alert reaches
/// its owner's pager (critical) or ticket (warning) receiver, and no inhibition crosses owners or scopes.
/// </summary>
public sealed partial class AlertmanagerTests
{
    private static readonly string[] Owners = ["ours", "contract", "credentials", "microsoft", "network"];

    /// <summary>Every owner with every severity, and the receiver amtool must pick.</summary>
    public static TheoryData<string, string, string> OwnerRoutes
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var owner in Owners)
            {
                data.Add(owner, "critical", $"partner-center-{owner}-pager");
                data.Add(owner, "warning", $"partner-center-{owner}-ticket");
            }

            return data;
        }
    }

    /// <summary>Every alert of the rules with its owner and severity.</summary>
    public static TheoryData<string, string, string> AlertRoutes
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var alert in Rules.Alerts.DistinctBy(a => a.Name))
            {
                data.Add(alert.Name, alert.Label("owner"), alert.Label("severity"));
            }

            return data;
        }
    }

    [Fact]
    public void Amtool_accepts_the_configuration()
    {
        var output = AssertAmtoolSucceeds("check-config", Repo.AlertmanagerConfig);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
        Assert.Contains("10 receivers", output, StringComparison.Ordinal);
        Assert.Contains("3 inhibit rules", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Amtool_rejects_a_broken_configuration()
    {
        // The check is only worth something if amtool really rejects a route to a receiver that does not exist.
        var file = Path.Combine(Path.GetTempPath(), $"pc-am-broken-{Guid.NewGuid():N}.yml");
        File.WriteAllText(file, File.ReadAllText(Repo.AlertmanagerConfig).Replace("receiver: partner-center-credentials-pager", "receiver: nobody", StringComparison.Ordinal));
        try
        {
            var (exit, output) = Promtool.RunProcess(Amtool(), Repo.Root, "check-config", file);
            Assert.True(exit != 0, "amtool accepted a route to an unknown receiver:\n" + output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(OwnerRoutes))]
    public void Each_owner_and_severity_reaches_its_pager_or_ticket_receiver(string owner, string severity, string receiver)
    {
        var output = AssertAmtoolSucceeds("config", "routes", "test", "--config.file", Repo.AlertmanagerConfig,
            "alertname=PartnerCenterAnything", $"owner={owner}", $"severity={severity}", "job=pc-app", "partner_center_operation=orders");
        Assert.Equal(receiver, FirstLine(output));
    }

    [Theory]
    [MemberData(nameof(AlertRoutes))]
    public void Each_alert_reaches_its_owners_receiver_for_its_severity(string alert, string owner, string severity)
    {
        var output = AssertAmtoolSucceeds("config", "routes", "test", "--config.file", Repo.AlertmanagerConfig,
            $"alertname={alert}", $"owner={owner}", $"severity={severity}", "job=pc-app");
        Assert.Equal($"partner-center-{owner}-{(severity == "critical" ? "pager" : "ticket")}", FirstLine(output));
    }

    [Fact]
    public void An_alert_without_an_owner_goes_to_our_ticket_receiver_and_no_owner_is_unrouted()
    {
        Assert.Equal("partner-center-ours-ticket", FirstLine(AssertAmtoolSucceeds("config", "routes", "test", "--config.file", Repo.AlertmanagerConfig, "alertname=Other")));
        Assert.Equal(
            Owners.Order(StringComparer.Ordinal),
            Rules.Alerts.Select(a => a.Label("owner")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_inhibition_crosses_owners_or_scopes()
    {
        var alerts = Rules.Alerts;
        foreach (var rule in Files.Yaml(Repo.AlertmanagerConfig)["inhibit_rules"].Items())
        {
            // Same owner, job, operation and instance: a per-operation alert holds back only its operation's alerts.
            var equal = rule["equal"].Items().Select(i => i.Text()).ToList();
            Assert.Equal(["instance", "job", "owner", "partner_center_operation"], equal.Order(StringComparer.Ordinal));

            // The alerts each side can match all belong to one owner, the same on both sides.
            var sourceOwners = Matched(rule["source_matchers"], alerts).Select(a => a.Label("owner")).Distinct(StringComparer.Ordinal).ToList();
            var targetOwners = Matched(rule["target_matchers"], alerts).Select(a => a.Label("owner")).Distinct(StringComparer.Ordinal).ToList();
            Assert.Single(sourceOwners);
            Assert.Equal(sourceOwners, targetOwners);
        }
    }

    private static IEnumerable<Rule> Matched(System.Text.Json.Nodes.JsonNode? matchers, IReadOnlyList<Rule> alerts)
    {
        var parsed = matchers.Items().Select(m => Matcher().Match(m.Text())).ToList();
        Assert.All(parsed, m => Assert.True(m.Success));
        return alerts.Where(alert => parsed.All(m =>
        {
            var label = m.Groups["l"].Value;
            var value = label == "alertname" ? GrafanaAlertingTests.TitleOf(alert) : alert.Label(label);
            var pattern = m.Groups["op"].Value == "=~" ? "^(?:" + m.Groups["v"].Value.Replace("\\\\", "\\", StringComparison.Ordinal) + ")$" : "^" + Regex.Escape(m.Groups["v"].Value) + "$";
            return Regex.IsMatch(value, pattern);
        }));
    }

    [Fact]
    public void Grouping_is_by_alert_and_operation_and_each_inhibition_says_why()
    {
        var root = Files.Yaml(Repo.AlertmanagerConfig);
        var groupBy = root["route"]!["group_by"].Items().Select(i => i.Text()).ToList();
        Assert.Contains("alertname", groupBy);
        Assert.Contains("partner_center_operation", groupBy);
        var inhibitions = root["inhibit_rules"].Items().ToList();
        Assert.Equal(3, inhibitions.Count);
        Assert.Contains("severity", File.ReadAllText(Repo.AlertmanagerConfig), StringComparison.Ordinal);
        Assert.All(inhibitions, rule => Assert.NotEmpty(rule["equal"].Items()));

        // Every inhibit rule is preceded by a numbered comment that explains it, and the README lists them.
        var text = File.ReadAllText(Repo.AlertmanagerConfig);
        Assert.Equal(inhibitions.Count, InhibitionComment().Count(text));
        var readme = File.ReadAllText(Path.Combine(Repo.Dashboards, "README.md"));
        foreach (var source in new[] { "PartnerCenterErrorBudgetBurn", "PartnerCenterServerErrorsSpike", "-pager", "-ticket" })
        {
            Assert.Contains(source, readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Inhibitions_name_only_alerts_that_exist()
    {
        var names = Rules.Alerts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var text = File.ReadAllText(Repo.AlertmanagerConfig);
        var mentioned = AlertName().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(mentioned);
        Assert.All(mentioned, name => Assert.Contains(name, names));
    }

    private static string Amtool() =>
        Prerequisite.Executable("amtool", "amtool is not on the PATH: install Debian's 'prometheus-alertmanager' package (./eng/test.sh installs it).");

    private static string AssertAmtoolSucceeds(params string[] arguments)
    {
        var (exit, output) = Promtool.RunProcess(Amtool(), Repo.Root, arguments);
        Assert.True(exit == 0, $"amtool {string.Join(' ', arguments)} exited {exit}:\n{output}");
        return output;
    }

    private static string FirstLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).First(line => !line.StartsWith("Warning:", StringComparison.Ordinal));

    [GeneratedRegex(@"(?m)^  # \d\. ")]
    private static partial Regex InhibitionComment();

    [GeneratedRegex("^(?<l>[a-z_]+)(?<op>=~|=)\"(?<v>.*)\"$")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"PartnerCenter[A-Z][A-Za-z]+")]
    private static partial Regex AlertName();
}
