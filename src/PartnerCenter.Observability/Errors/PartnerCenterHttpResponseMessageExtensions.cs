using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Operations;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability;

/// <summary>
/// <see cref="HttpResponseMessage.EnsureSuccessStatusCode"/> for Partner Center: throws a
/// <see cref="PartnerCenterException"/> that carries the classified error.
/// </summary>
public static class PartnerCenterHttpResponseMessageExtensions
{
    /// <summary>The time the body read may take when no telemetry handler read it already (the handler's default).</summary>
    private static readonly TimeSpan BodyReadTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Names operations of requests that did not go through the telemetry handler (bounded like the handler's names).</summary>
    private static readonly OperationNameResolver Operations = new([], maxOperations: 200, maxCodesPerOperation: 20);

    /// <summary>
    /// Returns the response when its status is below 400; otherwise throws a <see cref="PartnerCenterException"/> with the
    /// classified error, the request ids (<c>MS-RequestId</c>, <c>MS-CorrelationId</c>: the response's, else the
    /// request's) and Retry-After (delta-seconds or HTTP-date form).
    /// </summary>
    /// <remarks>
    /// <para>
    /// When the Partner Center telemetry handler is in the client's pipeline it has already read and classified the error
    /// body, and attached the result to the request (<see cref="PartnerCenterRequestOptions.Error"/>): that result is
    /// used and the body is not read again. Without the handler, at most
    /// <see cref="PartnerCenterClassificationOptions.MaxBodyBytes"/> (64 KiB) of the body are read, within 2 seconds,
    /// only for JSON-like or missing content types, and classified with <see cref="PartnerCenterErrorClassifier.Default"/>.
    /// </para>
    /// <para>
    /// Either way the caller can still read the body: when it was read here, <see cref="HttpResponseMessage.Content"/> is
    /// replaced by a content that yields exactly the original bytes (the bytes read, then the rest of the stream, so a
    /// large body is never buffered whole) with the original headers. Like a network response, it can be read once;
    /// call <see cref="HttpContent.LoadIntoBufferAsync()"/> first to read it more than once. In-memory, buffered and
    /// seekable content (<see cref="ByteArrayContent"/>, <see cref="StringContent"/>, a <see cref="StreamContent"/> over a
    /// seekable stream) is read in place, rewound and left as it is.
    /// </para>
    /// <para>
    /// Statuses below 400 are not errors here (unlike <see cref="HttpResponseMessage.EnsureSuccessStatusCode"/>, a 304 does
    /// not throw). The response is not disposed.
    /// </para>
    /// </remarks>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the body read; the method then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The same response, when its status is below 400.</returns>
    /// <exception cref="PartnerCenterException">The status is 400 or above.</exception>
    public static ValueTask<HttpResponseMessage> EnsurePartnerCenterSuccessAsync(this HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (int)response.StatusCode < 400 ? ValueTask.FromResult(response) : ThrowAsync(response, cancellationToken);
    }

    private static async ValueTask<HttpResponseMessage> ThrowAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var request = response.RequestMessage;
        var status = (int)response.StatusCode;
        if (request is null
            || !request.Options.TryGetValue(PartnerCenterRequestOptions.Error, out var classification)
            || classification.StatusCode != status)
        {
            try
            {
                classification = await ErrorBodyCapture.ReadAndClassifyAsync(response, PartnerCenterErrorClassifier.Default, BodyReadTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The body could not be opened (disposed, broken connection): the status still says a lot.
                classification = PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.NotRead);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw Create(response, request, classification);
    }

    private static PartnerCenterException Create(HttpResponseMessage response, HttpRequestMessage? request, PartnerCenterErrorClassification classification)
    {
        string? operation = null;
        if (request is not null && !request.Options.TryGetValue(PartnerCenterRequestOptions.ResolvedOperation, out operation))
        {
            operation = Operations.Resolve(request);
        }

        var retryAfter = PartnerCenterHeaders.RetryAfterSeconds(response, TimeProvider.System);
        return new PartnerCenterException(
            classification,
            request is null ? null : TagValues.Method(request.Method),
            operation,
            PartnerCenterHeaders.Get(response, request, PartnerCenterHeaders.RequestId),
            PartnerCenterHeaders.Get(response, request, PartnerCenterHeaders.CorrelationId),
            retryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }
}
