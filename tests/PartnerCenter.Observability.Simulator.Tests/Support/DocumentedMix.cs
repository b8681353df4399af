using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Tests.Support;

/// <summary>One row of a scenario's documented mix (src/PartnerCenter.Observability.Simulator/README.md), as the tests check it.</summary>
internal sealed record MixGroup(string Label, double Percent, string Outcome, int Status, string[] Codes)
{
    public bool Matches(string outcome, int status, string? code) =>
        outcome == Outcome && status == Status && (Codes.Length == 0 || (code is not null && Codes.Contains(code)));

    public bool Matches(SimulatedOutcome outcome) => Matches(outcome.Name, outcome.StatusCode, outcome.Code);

    public bool Matches(PartnerCenterSimulatorRequest request) => Matches(request.Outcome, request.StatusCode, request.ErrorCode);
}

/// <summary>
/// The documented mixes, written out again by hand (not read from the simulator's tables), so that a change to the
/// tables that is not also made to the documentation fails the tests.
/// </summary>
internal static class DocumentedMix
{
    public static TheoryData<PartnerCenterScenario> Scenarios => [.. Enum.GetValues<PartnerCenterScenario>()];

    public static IReadOnlyList<MixGroup> For(PartnerCenterScenario scenario) => scenario switch
    {
        PartnerCenterScenario.Healthy =>
        [
            G("success", 97, "success", 200),
            G("validation", 2, "error", 400, "800002", "900118", "800004"),
            G("not found", 1, "error", 404, "20003", "20000", "60003"),
        ],
        PartnerCenterScenario.ThrottleStorm =>
        [
            G("success", 20, "success", 200),
            G("throttled", 80, "throttled", 429),
        ],
        PartnerCenterScenario.Outage =>
        [
            G("success", 20, "success", 200),
            G("500 json", 15, "error", 500, "800003", "900192"),
            G("502 page", 15, "gateway-page", 502),
            G("503 page", 15, "gateway-page", 503),
            G("503 empty", 10, "empty-body", 503),
            G("500 slow", 10, "slow-body", 500, "800003"),
            G("504 timeout", 10, "timeout", 504),
            G("dropped", 5, "dropped", 0),
        ],
        PartnerCenterScenario.EligibilitySpike =>
        [
            G("success", 60, "success", 200),
            G("800020", 10, "error", 403, "800020"),
            G("800023", 10, "error", 403, "800023"),
            G("900123", 10, "error", 403, "900123"),
            G("900220", 10, "error", 400, "900220"),
        ],
        PartnerCenterScenario.AuthFailure =>
        [
            G("success", 50, "success", 200),
            G("401 800001", 20, "error", 401, "800001"),
            G("900150", 10, "error", 403, "900150"),
            G("900308", 10, "error", 403, "900308"),
            G("900309", 10, "error", 403, "900309"),
        ],
        PartnerCenterScenario.Quota =>
        [
            G("success", 50, "success", 200),
            G("800066", 10, "error", 403, "800066"),
            G("800067", 10, "error", 403, "800067"),
            G("800088", 10, "error", 403, "800088"),
            G("800089", 10, "error", 403, "800089"),
            G("900311", 10, "error", 400, "900311"),
        ],
        PartnerCenterScenario.Mixed =>
        [
            G("success", 51, "success", 200),
            G("validation", 4, "error", 400, "800002", "900118", "800004"),
            G("not found", 4, "error", 404, "20003", "20000", "60003"),
            G("throttled", 10, "throttled", 429),
            G("403 eligibility", 6, "error", 403, "800020", "800023", "900123"),
            G("400 eligibility", 2, "error", 400, "900220"),
            G("401 auth", 2, "error", 401, "800001"),
            G("403 auth", 3, "error", 403, "900150", "900308", "900309"),
            G("403 quota", 4, "error", 403, "800066", "800067", "800088", "800089"),
            G("400 quota", 1, "error", 400, "900311"),
            G("409 conflict", 2, "error", 409, "800060", "800064"),
            G("500 json", 3, "error", 500, "800003", "900192"),
            G("502 page", 2, "gateway-page", 502),
            G("503 page", 2, "gateway-page", 503),
            G("503 empty", 1, "empty-body", 503),
            G("500 slow", 1, "slow-body", 500, "800003"),
            G("504 timeout", 1, "timeout", 504),
            G("dropped", 1, "dropped", 0),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    /// <summary>Counts each group's share (in percent) of the items, and checks that every item falls in exactly one group.</summary>
    public static Dictionary<string, double> Shares<T>(PartnerCenterScenario scenario, IReadOnlyList<T> items, Func<MixGroup, T, bool> matches)
    {
        var groups = For(scenario);
        var counts = groups.ToDictionary(g => g.Label, _ => 0);
        foreach (var item in items)
        {
            var matching = groups.Where(g => matches(g, item)).ToList();
            Assert.True(matching.Count == 1, $"{scenario}: {item} matches {matching.Count} documented groups");
            counts[matching[0].Label]++;
        }

        return counts.ToDictionary(p => p.Key, p => 100.0 * p.Value / items.Count);
    }

    /// <summary>Asserts that each documented group's share is within <paramref name="tolerance"/> percentage points.</summary>
    public static void AssertWithin(PartnerCenterScenario scenario, Dictionary<string, double> shares, double tolerance)
    {
        Assert.Equal(100.0, For(scenario).Sum(g => g.Percent), precision: 6);
        foreach (var group in For(scenario))
        {
            var actual = shares[group.Label];
            Assert.True(
                Math.Abs(actual - group.Percent) <= tolerance,
                $"{scenario} '{group.Label}': {actual:F2}% of requests, documented {group.Percent}% (tolerance ±{tolerance} points)");
        }
    }

    private static MixGroup G(string label, double percent, string outcome, int status, params string[] codes) =>
        new(label, percent, outcome, status, codes);
}
