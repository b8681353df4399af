namespace PartnerCenter.Observability;

/// <summary>Per-request settings, set on <see cref="HttpRequestMessage.Options"/>.</summary>
public static class PartnerCenterRequestOptions
{
    /// <summary>
    /// Sets the operation name of one request, instead of the route template the handler would derive. User-set values
    /// count against <see cref="PartnerCenterTelemetryOptions.MaxOperations"/>.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("PartnerCenter.Observability.Operation");

    /// <summary>
    /// The classified error of the last attempt of this request that failed with an HTTP status, attached by the
    /// telemetry handler, so that code throwing its own exception can still pick it up.
    /// </summary>
    public static readonly HttpRequestOptionsKey<PartnerCenterErrorClassification> Error = new("PartnerCenter.Observability.Error");

    /// <summary>Sets the operation name of this request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="operation">A low-cardinality name, such as <c>create-order</c> or a route template.</param>
    /// <returns>The same request.</returns>
    public static HttpRequestMessage WithPartnerCenterOperation(this HttpRequestMessage request, string operation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        request.Options.Set(Operation, operation);
        return request;
    }
}
