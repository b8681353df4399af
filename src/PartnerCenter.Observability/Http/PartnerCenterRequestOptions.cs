using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability;

/// <summary>Per-request settings, set on <see cref="HttpRequestMessage.Options"/>.</summary>
public static class PartnerCenterRequestOptions
{
    /// <summary>
    /// Sets the operation name of one request, instead of the route template the handler would derive. User-set values
    /// count against <see cref="PartnerCenterTelemetryOptions.MaxOperations"/>.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("PartnerCenter.Observability.Operation");

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

    /// <summary>
    /// The classified error of the last attempt of this request that failed with an HTTP status, attached by the
    /// telemetry handler (also when no span, metric or log listens; option
    /// <see cref="PartnerCenterTelemetryOptions.AttachErrorToRequest"/>), so that code throwing its own exception, and
    /// the retry strategy, can use it without reading the body again. When nothing listened, the body is classified
    /// here, on the first call, from the bytes the handler kept a reference to.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="error">The classification, when there is one.</param>
    /// <returns><see langword="true"/> when an error is attached to the request.</returns>
    public static bool TryGetPartnerCenterError(this HttpRequestMessage request, out PartnerCenterErrorClassification error)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ErrorAttachment.TryGet(request, out error);
    }
}
