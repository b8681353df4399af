namespace PartnerCenter.Observability.Simulator;

/// <summary>
/// One request the simulator received, as seen by the server (see <see cref="PartnerCenterSimulator.ReceivedRequests"/>).
/// Made by the simulator only; new properties can be added without breaking callers.
/// </summary>
public sealed record PartnerCenterSimulatorRequest
{
    internal PartnerCenterSimulatorRequest()
    {
    }

    /// <summary>The request's sequence number: 1 for the first request the simulator received.</summary>
    public long Sequence { get; init; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>The path, without the query string, such as <c>/v1/customers/{id}/orders</c>.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The <c>MS-RequestId</c> header as the client sent it; <see langword="null"/> when absent (the response then carries a generated one).</summary>
    public string? RequestId { get; init; }

    /// <summary>The <c>MS-CorrelationId</c> header as the client sent it; <see langword="null"/> when absent.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>
    /// The status the simulator sent; 0 when it sent none: a dropped connection, a held (timeout) response the client gave
    /// up on, or a response that has not started yet.
    /// </summary>
    public int StatusCode { get; init; }

    /// <summary>
    /// What the simulator did: <c>success</c>, <c>error</c>, <c>throttled</c>, <c>gateway-page</c>, <c>empty-body</c>,
    /// <c>slow-body</c>, <c>timeout</c>, <c>dropped</c>, <c>invalid-override</c> or <c>unknown-route</c> (a path no route
    /// serves: the 404, whatever the scenario planned).
    /// </summary>
    public string Outcome { get; init; } = string.Empty;

    /// <summary>The Partner Center error code sent in the body, if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The category the scenario meant the response to classify as; <see langword="null"/> for a success.</summary>
    public PartnerCenterErrorCategory? IntendedCategory { get; init; }

    /// <summary>The scenario in force when the request arrived.</summary>
    public PartnerCenterScenario Scenario { get; init; }

    /// <summary>Whether the request forced its outcome with the <c>X-Simulator-Outcome</c> header.</summary>
    public bool Forced { get; init; }

    /// <summary>When the request arrived, by the simulator's <see cref="PartnerCenterSimulatorOptions.TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
