namespace PartnerCenter.Observability.Simulator;

/// <summary>
/// A documented mix of outcomes the simulator draws from for each request (percentages of requests; the exact table is
/// in the simulator's README). The outcome of a request is a pure function of the seed, the scenario and the request's
/// sequence number. The scenario can be changed while the simulator runs (<see cref="PartnerCenterSimulator.Scenario"/>).
/// </summary>
public enum PartnerCenterScenario
{
    /// <summary>
    /// <c>healthy</c>: 97% success; a low background of 2% validation errors (400: 800002, 900118 or 800004) and
    /// 1% not-found errors (404: 20003, 20000 or 60003).
    /// </summary>
    Healthy = 0,

    /// <summary>
    /// <c>throttle-storm</c>: 80% HTTP 429 with a <c>Retry-After</c> of 1 to 10 seconds, sent in seconds on even sequence
    /// numbers and as an HTTP date on odd ones; 20% success.
    /// </summary>
    ThrottleStorm,

    /// <summary>
    /// <c>outage</c>: 20% success; 15% 500 JSON errors (800003 or 900192); 15% 502 and 15% 503 HTML gateway pages;
    /// 10% 503 with an empty body; 10% 500 slow bodies (the body starts, then stalls for
    /// <see cref="PartnerCenterSimulatorOptions.SlowBodyDelay"/>); 10% timeouts (the response is held for
    /// <see cref="PartnerCenterSimulatorOptions.TimeoutDelay"/>, then a 504 gateway page); 5% dropped connections.
    /// </summary>
    Outage,

    /// <summary>
    /// <c>eligibility-spike</c>: 60% success; 10% each of 403 800020, 403 800023, 403 900123 and 400 900220.
    /// </summary>
    EligibilitySpike,

    /// <summary>
    /// <c>auth-failure</c>: 50% success; 20% 401 800001 (with <c>WWW-Authenticate</c>); 10% each of 403 900150, 900308 and 900309.
    /// </summary>
    AuthFailure,

    /// <summary>
    /// <c>quota</c>: 50% success; 10% each of the 403 count limits 800066, 800067, 800088 and 800089; 10% 400 900311.
    /// </summary>
    Quota,

    /// <summary>
    /// <c>mixed</c>: a blend of all the others: 51% success, 4% validation, 4% not found, 10% throttled, 8% eligibility,
    /// 5% auth, 5% quota, 2% conflict (409: 800060 or 800064) and 11% transient (500, 502, 503, empty, slow, timeout, dropped).
    /// </summary>
    Mixed,
}
