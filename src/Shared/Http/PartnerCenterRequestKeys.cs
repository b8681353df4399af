namespace PartnerCenter.Observability.Http;

/// <summary>
/// Request options the packages hand each other on <see cref="HttpRequestMessage.Options"/>. The contract is the key
/// string, so each package compiles this file and none needs another's internals.
/// </summary>
internal static class PartnerCenterRequestKeys
{
    /// <summary>The operation the telemetry handler resolved for this attempt.</summary>
    public static readonly HttpRequestOptionsKey<string> ResolvedOperation = new("PartnerCenter.Observability.ResolvedOperation");

    /// <summary>Which attempt of a logical call is being sent (0 for the first); set by a retry layer, tagged as <c>http.request.resend_count</c>.</summary>
    public static readonly HttpRequestOptionsKey<int> ResendCount = new("PartnerCenter.Observability.ResendCount");

    /// <summary>
    /// The caller's own cancellation token, set by a retry layer outside the attempt. When the attempt's token is cancelled
    /// but this one is not, the attempt timed out (a per-attempt timeout): transient, not a cancellation.
    /// </summary>
    public static readonly HttpRequestOptionsKey<CancellationToken> CallerCancellation = new("PartnerCenter.Observability.CallerCancellation");
}
