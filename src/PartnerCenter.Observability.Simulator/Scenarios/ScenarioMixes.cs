using static PartnerCenter.Observability.PartnerCenterErrorCategory;
using static PartnerCenter.Observability.Simulator.Scenarios.OutcomeKind;

namespace PartnerCenter.Observability.Simulator.Scenarios;

/// <summary>One row of a scenario's mix: a share of the requests, in basis points (1/100 of a percent), and what they get.</summary>
/// <param name="BasisPoints">The share of requests, out of 10,000.</param>
/// <param name="Kind">What the server does.</param>
/// <param name="StatusCode">The status sent (200 for success, 0 for a dropped connection).</param>
/// <param name="Category">The category the response is meant to classify as; <see langword="null"/> for success.</param>
/// <param name="Errors">The catalogue rows drawn from, equally likely; empty when the body has no catalogued description.</param>
internal sealed record OutcomeSlice(int BasisPoints, OutcomeKind Kind, int StatusCode, PartnerCenterErrorCategory? Category, IReadOnlyList<PartnerCenterErrorDefinition> Errors);

/// <summary>The documented mix of each scenario (keep the simulator's README and <see cref="PartnerCenterScenario"/> docs in step).</summary>
internal static class ScenarioMixes
{
    public const int Total = 10_000;

    private static readonly OutcomeSlice[] Healthy =
    [
        Ok(9_700),
        Json(200, 400, Validation, "800002", "900118", "800004"),
        Json(100, 404, NotFound, "20003", "20000", "60003"),
    ];

    private static readonly OutcomeSlice[] ThrottleStorm =
    [
        Ok(2_000),
        Throttle(8_000),
    ];

    private static readonly OutcomeSlice[] Outage =
    [
        Ok(2_000),
        Json(1_500, 500, Transient, "800003", "900192"),
        new(1_500, GatewayPage, 502, Transient, []),
        new(1_500, GatewayPage, 503, Transient, []),
        new(1_000, EmptyBody, 503, Transient, []),
        new(1_000, SlowBody, 500, Transient, Rows(500, "800003")),
        new(1_000, OutcomeKind.Timeout, 504, Transient, []),
        new(500, Drop, 0, Transient, []),
    ];

    private static readonly OutcomeSlice[] EligibilitySpike =
    [
        Ok(6_000),
        Json(1_000, 403, Eligibility, "800020"),
        Json(1_000, 403, Eligibility, "800023"),
        Json(1_000, 403, Eligibility, "900123"),
        Json(1_000, 400, Eligibility, "900220"),
    ];

    private static readonly OutcomeSlice[] AuthFailure =
    [
        Ok(5_000),
        Json(2_000, 401, Auth, "800001"),
        Json(1_000, 403, Auth, "900150"),
        Json(1_000, 403, Auth, "900308"),
        Json(1_000, 403, Auth, "900309"),
    ];

    private static readonly OutcomeSlice[] QuotaLimits =
    [
        Ok(5_000),
        Json(1_000, 403, Quota, "800066"),
        Json(1_000, 403, Quota, "800067"),
        Json(1_000, 403, Quota, "800088"),
        Json(1_000, 403, Quota, "800089"),
        Json(1_000, 400, Quota, "900311"),
    ];

    private static readonly OutcomeSlice[] Mixed =
    [
        Ok(5_100),
        Json(400, 400, Validation, "800002", "900118", "800004"),
        Json(400, 404, NotFound, "20003", "20000", "60003"),
        Throttle(1_000),
        Json(600, 403, Eligibility, "800020", "800023", "900123"),
        Json(200, 400, Eligibility, "900220"),
        Json(200, 401, Auth, "800001"),
        Json(300, 403, Auth, "900150", "900308", "900309"),
        Json(400, 403, Quota, "800066", "800067", "800088", "800089"),
        Json(100, 400, Quota, "900311"),
        Json(200, 409, Conflict, "800060", "800064"),
        Json(300, 500, Transient, "800003", "900192"),
        new(200, GatewayPage, 502, Transient, []),
        new(200, GatewayPage, 503, Transient, []),
        new(100, EmptyBody, 503, Transient, []),
        new(100, SlowBody, 500, Transient, Rows(500, "800003")),
        new(100, OutcomeKind.Timeout, 504, Transient, []),
        new(100, Drop, 0, Transient, []),
    ];

    public static IReadOnlyList<OutcomeSlice> For(PartnerCenterScenario scenario) => scenario switch
    {
        PartnerCenterScenario.Healthy => Healthy,
        PartnerCenterScenario.ThrottleStorm => ThrottleStorm,
        PartnerCenterScenario.Outage => Outage,
        PartnerCenterScenario.EligibilitySpike => EligibilitySpike,
        PartnerCenterScenario.AuthFailure => AuthFailure,
        PartnerCenterScenario.Quota => QuotaLimits,
        PartnerCenterScenario.Mixed => Mixed,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
    };

    private static OutcomeSlice Ok(int basisPoints) => new(basisPoints, Success, 200, null, []);

    private static OutcomeSlice Throttle(int basisPoints) => new(basisPoints, Throttled, 429, Quota, []);

    private static OutcomeSlice Json(int basisPoints, int status, PartnerCenterErrorCategory category, params string[] codes) =>
        new(basisPoints, Error, status, category, Rows(status, codes));

    /// <summary>The catalogue rows for (status, code); a code missing from the catalogue is a bug in this table.</summary>
    private static PartnerCenterErrorDefinition[] Rows(int status, params string[] codes) =>
    [
        .. codes.Select(code => PartnerCenterErrorCatalog.TryFind(status, code, out var row)
            ? row
            : throw new InvalidOperationException($"{status} {code} is not in the Partner Center error catalogue.")),
    ];
}
