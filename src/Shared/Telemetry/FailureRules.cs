namespace PartnerCenter.Observability.Telemetry;

/// <summary>
/// The rules that turn an attempt's or a call's end into <c>error.type</c> and decide whether it failed, in one place
/// for the attempt spans (telemetry handler) and the call spans (resilience package).
/// </summary>
internal static class FailureRules
{
    /// <summary>
    /// Whether an end is the caller's cancellation, which is not an error: the token this layer was given is cancelled,
    /// and when a retry layer outside set the caller's own token on the request, that one is cancelled too (otherwise an
    /// attempt timeout cancelled it: a transient failure).
    /// </summary>
    public static bool IsCallerCancellation(HttpRequestMessage request, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
        && (!request.Options.TryGetValue(Http.PartnerCenterRequestKeys.CallerCancellation, out var callerToken) || callerToken.IsCancellationRequested);

    /// <summary>Whether <paramref name="exception"/> is the caller's cancellation (see <see cref="IsCallerCancellation(HttpRequestMessage, CancellationToken)"/>).</summary>
    public static bool IsCallerCancellation(Exception exception, HttpRequestMessage request, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && IsCallerCancellation(request, cancellationToken);

    /// <summary>The <c>error.type</c> of a failed response: its error code (already made tag-safe) when it has one, else its status.</summary>
    public static string ForResponse(string? code, int status) => code ?? TagValues.StatusString(status);

    /// <summary>
    /// The <c>error.type</c> of an attempt or call that ended in an exception other than the caller's cancellation:
    /// the runtime's HttpRequestError in snake_case, <c>timeout</c>, or the exception type. Such an end is transient
    /// and retryable (network failures and timeouts).
    /// </summary>
    public static string ForException(Exception exception) => TagValues.ErrorType(exception);
}
