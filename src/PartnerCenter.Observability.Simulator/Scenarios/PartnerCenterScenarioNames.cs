using System.Diagnostics.CodeAnalysis;

namespace PartnerCenter.Observability.Simulator;

/// <summary>
/// The names of the scenarios as a command line or a URL takes them: kebab-case (<c>throttle-storm</c>). The one table of
/// scenario names, used by the simulator's command line, its control endpoint and the demo.
/// </summary>
public static class PartnerCenterScenarioNames
{
    /// <summary>Gets every scenario, in the order of the enumeration.</summary>
    public static IReadOnlyList<PartnerCenterScenario> All { get; } = Enum.GetValues<PartnerCenterScenario>();

    /// <summary>Gets the kebab-case name of every scenario, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(ToName)];

    /// <summary>Gets the names joined with commas, for help texts and error messages.</summary>
    internal static string Joined => string.Join(", ", Names);

    /// <summary>Returns the kebab-case name of a scenario (<c>throttle-storm</c> for <see cref="PartnerCenterScenario.ThrottleStorm"/>).</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>Its name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined scenario.</exception>
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
    /// <param name="text">The name.</param>
    /// <param name="scenario">The scenario, when the name is known.</param>
    /// <returns>Whether the name is a scenario's.</returns>
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
}
