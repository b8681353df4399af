namespace PartnerCenter.Observability.Resilience;

/// <summary>Request options set by the logical-call handler for the retry strategy.</summary>
internal static class ResilienceRequestOptions
{
    /// <summary>When the logical call started, as a timestamp of the pipeline's <see cref="TimeProvider"/>.</summary>
    public static readonly HttpRequestOptionsKey<long> CallStarted = new("PartnerCenter.Observability.Resilience.CallStarted");

    /// <summary>How many attempts of the logical call have completed, as the retry predicate last saw.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempts = new("PartnerCenter.Observability.Resilience.Attempts");

    /// <summary>The operation of the logical call, resolved once.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("PartnerCenter.Observability.Resilience.Operation");
}
