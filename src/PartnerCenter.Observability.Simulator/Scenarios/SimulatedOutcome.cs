namespace PartnerCenter.Observability.Simulator.Scenarios;

/// <summary>What the simulator does with one request.</summary>
internal enum OutcomeKind
{
    /// <summary>The route's normal answer (200, 201 or 202 with a JSON body).</summary>
    Success,

    /// <summary>A Partner Center JSON error body built from the catalogue.</summary>
    Error,

    /// <summary>429 with <c>Retry-After</c> and a JSON body.</summary>
    Throttled,

    /// <summary>An HTML gateway page (502, 503, 504).</summary>
    GatewayPage,

    /// <summary>An error status with an empty body.</summary>
    EmptyBody,

    /// <summary>A JSON error body that starts, stalls for the slow-body delay, then finishes.</summary>
    SlowBody,

    /// <summary>The response is held for the timeout delay, then a 504 gateway page is sent.</summary>
    Timeout,

    /// <summary>The connection is aborted without a response.</summary>
    Drop,
}

/// <summary>How a 429's <c>Retry-After</c> header is written.</summary>
internal enum RetryAfterForm
{
    /// <summary>No header.</summary>
    None,

    /// <summary>Delta seconds: <c>Retry-After: 7</c>.</summary>
    Seconds,

    /// <summary>An HTTP date: <c>Retry-After: Tue, 01 Jan 2030 00:00:07 GMT</c>.</summary>
    HttpDate,
}

/// <summary>
/// The planned outcome of one request: a pure value, computed by <see cref="PartnerCenterScenarioPlan.Decide"/> (or from the
/// <c>X-Simulator-Outcome</c> header) and carried out by the server.
/// </summary>
/// <param name="Kind">What the server does.</param>
/// <param name="StatusCode">The status to send: 200 for <see cref="OutcomeKind.Success"/> (the route may answer 201 or 202), 0 for <see cref="OutcomeKind.Drop"/>.</param>
/// <param name="Category">The category the scenario intends the response to classify as; <see langword="null"/> for success.</param>
/// <param name="Error">The catalogue row whose template is the description, when there is one.</param>
/// <param name="Code">The error code sent in the body, or <see langword="null"/> for none.</param>
/// <param name="CodeAsString">Whether the code is sent as a JSON string (<c>"800020"</c>) rather than a number.</param>
/// <param name="RetryAfter">How <c>Retry-After</c> is sent.</param>
/// <param name="RetryAfterSeconds">The delay <c>Retry-After</c> asks for, in seconds.</param>
/// <param name="Entropy">Bits that pick the values filled into the description template.</param>
internal sealed record SimulatedOutcome(
    OutcomeKind Kind,
    int StatusCode,
    PartnerCenterErrorCategory? Category,
    PartnerCenterErrorDefinition? Error,
    string? Code,
    bool CodeAsString,
    RetryAfterForm RetryAfter,
    int RetryAfterSeconds,
    ulong Entropy)
{
    /// <summary>The description to send when <see cref="Error"/> is <see langword="null"/> (a forced, uncataloged error).</summary>
    public string? Description { get; init; }

    public static SimulatedOutcome Success(ulong entropy) =>
        new(OutcomeKind.Success, 200, null, null, null, false, RetryAfterForm.None, 0, entropy);

    /// <summary>The kebab-case name recorded in <see cref="PartnerCenterSimulatorRequest.Outcome"/>.</summary>
    public string Name => Kind switch
    {
        OutcomeKind.Success => "success",
        OutcomeKind.Error => "error",
        OutcomeKind.Throttled => "throttled",
        OutcomeKind.GatewayPage => "gateway-page",
        OutcomeKind.EmptyBody => "empty-body",
        OutcomeKind.SlowBody => "slow-body",
        OutcomeKind.Timeout => "timeout",
        OutcomeKind.Drop => "dropped",
        _ => "unknown",
    };

    /// <summary>Whether the response carries a JSON error body.</summary>
    public bool HasJsonErrorBody => Kind is OutcomeKind.Error or OutcomeKind.Throttled or OutcomeKind.SlowBody;
}
