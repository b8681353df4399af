namespace PartnerCenter.Observability.Simulator;

/// <summary>One request the simulator received, as seen by the server (see <see cref="PartnerCenterSimulator.ReceivedRequests"/>).</summary>
/// <param name="Sequence">The request's sequence number: 1 for the first request the simulator received.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query string, such as <c>/v1/customers/{id}/orders</c>.</param>
/// <param name="RequestId">The <c>MS-RequestId</c> header as the client sent it; <see langword="null"/> when absent (the response then carries a generated one).</param>
/// <param name="CorrelationId">The <c>MS-CorrelationId</c> header as the client sent it; <see langword="null"/> when absent.</param>
/// <param name="StatusCode">
/// The status the simulator sent; 0 when it sent none: a dropped connection, a held (timeout) response the client gave up on,
/// or a response that has not started yet.
/// </param>
/// <param name="Outcome">
/// What the simulator did: <c>success</c>, <c>error</c>, <c>throttled</c>, <c>gateway-page</c>, <c>empty-body</c>,
/// <c>slow-body</c>, <c>timeout</c>, <c>dropped</c>, <c>invalid-override</c> or <c>unknown-route</c> (a path no route
/// serves: the 404, whatever the scenario planned).
/// </param>
/// <param name="ErrorCode">The Partner Center error code sent in the body, if any.</param>
/// <param name="IntendedCategory">The category the scenario meant the response to classify as; <see langword="null"/> for a success.</param>
/// <param name="Scenario">The scenario in force when the request arrived.</param>
/// <param name="Forced">Whether the request forced its outcome with the <c>X-Simulator-Outcome</c> header.</param>
/// <param name="ReceivedAt">When the request arrived, by the simulator's <see cref="PartnerCenterSimulatorOptions.TimeProvider"/>.</param>
public sealed record PartnerCenterSimulatorRequest(
    long Sequence,
    string Method,
    string Path,
    string? RequestId,
    string? CorrelationId,
    int StatusCode,
    string Outcome,
    string? ErrorCode,
    PartnerCenterErrorCategory? IntendedCategory,
    PartnerCenterScenario Scenario,
    bool Forced,
    DateTimeOffset ReceivedAt);
