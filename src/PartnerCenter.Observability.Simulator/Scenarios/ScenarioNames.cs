using System.Diagnostics.CodeAnalysis;

namespace PartnerCenter.Observability.Simulator.Scenarios;

/// <summary>The kebab-case names of the scenarios, as the command line and the control endpoint take them.</summary>
internal static class ScenarioNames
{
    public static IReadOnlyList<PartnerCenterScenario> All { get; } = Enum.GetValues<PartnerCenterScenario>();

    public static string ToName(this PartnerCenterScenario scenario) => scenario switch
    {
        PartnerCenterScenario.Healthy => "healthy",
        PartnerCenterScenario.ThrottleStorm => "throttle-storm",
        PartnerCenterScenario.Outage => "outage",
        PartnerCenterScenario.EligibilitySpike => "eligibility-spike",
        PartnerCenterScenario.AuthFailure => "auth-failure",
        PartnerCenterScenario.Quota => "quota",
        PartnerCenterScenario.Mixed => "mixed",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    /// <summary>Parses a kebab-case name (<c>throttle-storm</c>) or a member name (<c>ThrottleStorm</c>), ignoring case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PartnerCenterScenario scenario)
    {
        scenario = PartnerCenterScenario.Healthy;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = text.Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), compact, StringComparison.OrdinalIgnoreCase))
            {
                scenario = candidate;
                return true;
            }
        }

        return false;
    }

    public static string Joined => string.Join(", ", All.Select(s => s.ToName()));
}
