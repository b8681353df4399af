using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>
/// dashboards/alertmanager/partner-center.yml: amtool (Debian's prometheus-alertmanager) accepts it, every owner that
/// an alert carries reaches its own receiver, and each inhibition is documented.
/// </summary>
public sealed partial class AlertmanagerTests
{
    public static TheoryData<string, string, string> OwnerRoutes => new()
    {
        { "ours", "PartnerCenterValidationErrorsSpike", "partner-center-ours" },
        { "contract", "PartnerCenterEligibilityErrorsSpike", "partner-center-contract" },
        { "credentials", "PartnerCenterAuthFailures", "partner-center-credentials" },
        { "microsoft", "PartnerCenterErrorBudgetBurn", "partner-center-microsoft" },
        { "network", "PartnerCenterNetworkErrorsSpike", "partner-center-network" },
    };

    [SkippableFact]
    public void Amtool_accepts_the_configuration()
    {
        var output = AssertAmtoolSucceeds("check-config", Repo.AlertmanagerConfig);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
        Assert.Contains("5 receivers", output, StringComparison.Ordinal);
        Assert.Contains("3 inhibit rules", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Amtool_rejects_a_broken_configuration()
    {
        // The check is only worth something if amtool really rejects a route to a receiver that does not exist.
        var file = Path.Combine(Path.GetTempPath(), $"pc-am-broken-{Guid.NewGuid():N}.yml");
        File.WriteAllText(file, File.ReadAllText(Repo.AlertmanagerConfig).Replace("receiver: partner-center-credentials", "receiver: nobody", StringComparison.Ordinal));
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

    [SkippableTheory]
    [MemberData(nameof(OwnerRoutes))]
    public void Each_owner_reaches_its_own_receiver(string owner, string alert, string receiver)
    {
        var labels = Rules.Alerts.First(a => a.Name == alert);
        Assert.Equal(owner, labels.Label("owner"));
        var output = AssertAmtoolSucceeds("config", "routes", "test", "--config.file", Repo.AlertmanagerConfig,
            $"alertname={alert}", $"owner={owner}", $"severity={labels.Label("severity")}", "job=pc-app");
        Assert.Equal(receiver, FirstLine(output));
    }

    [SkippableFact]
    public void An_alert_without_an_owner_goes_to_the_default_receiver_and_no_owner_is_unrouted()
    {
        Assert.Equal("partner-center-ours", FirstLine(AssertAmtoolSucceeds("config", "routes", "test", "--config.file", Repo.AlertmanagerConfig, "alertname=Other")));
        Assert.Equal(
            OwnerRoutes.Select(row => (string)row[0]).Order(StringComparer.Ordinal),
            Rules.Alerts.Select(a => a.Label("owner")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
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
        Assert.All(inhibitions, rule => Assert.NotEmpty(rule["equal"].Items()));

        // Every inhibit rule is preceded by a numbered comment that explains it, and the README lists them.
        var text = File.ReadAllText(Repo.AlertmanagerConfig);
        Assert.Equal(inhibitions.Count, InhibitionComment().Count(text));
        var readme = File.ReadAllText(Path.Combine(Repo.Dashboards, "README.md"));
        foreach (var source in new[] { "PartnerCenterErrorBudgetBurn", "PartnerCenterServerErrorsSpike", "PartnerCenterAuthFailures" })
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

    [GeneratedRegex(@"PartnerCenter[A-Z][A-Za-z]+")]
    private static partial Regex AlertName();
}
