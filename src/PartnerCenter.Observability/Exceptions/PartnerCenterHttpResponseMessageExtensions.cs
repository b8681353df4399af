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
    /// <summary>The default options: their body-read timeout and route templates serve a response no handler classified.</summary>
    private static readonly PartnerCenterTelemetryOptions Defaults = new();

    /// <summary>Operation names by the default route templates, within the default caps.</summary>
    private static readonly OperationNameResolver DefaultOperations = new OperationNaming(Defaults).Operations;

    /// <summary>
    /// Returns the response when its status is below 400; otherwise throws a <see cref="PartnerCenterException"/> with the
    /// classified error, the request ids (<c>MS-RequestId</c>, <c>MS-CorrelationId</c>: the response's, else the
    /// request's) and Retry-After (delta-seconds or HTTP-date form).
    /// </summary>
    /// <remarks>
    /// <para>
    /// When the Partner Center telemetry handler is in the client's pipeline it has already read and classified the error
    /// body, and attached the result to the request (<see cref="PartnerCenterRequestOptions.TryGetPartnerCenterError"/>): that result is
    /// used and the body is not read again, so the app's options (category overrides included) apply. Without the
    /// handler, at most <see cref="PartnerCenterClassificationOptions.MaxBodyBytes"/> (64 KiB) of the body are read,
    /// within 2 seconds, only for JSON-like or missing content types, and classified with
    /// <see cref="PartnerCenterErrorClassifier.Default"/>; pass the app's classifier to
    /// <see cref="EnsurePartnerCenterSuccessAsync(HttpResponseMessage, PartnerCenterErrorClassifier, CancellationToken)"/>
    /// to use its overrides and limits instead. The operation is then named by the default route templates.
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
    /// <returns>The same response, when its status is below 400.</returns>
    /// <exception cref="PartnerCenterException">The status is 400 or above.</exception>
    public static ValueTask<HttpResponseMessage> EnsurePartnerCenterSuccessAsync(this HttpResponseMessage response) =>
        response.EnsurePartnerCenterSuccessAsync(CancellationToken.None);

    /// <summary>
    /// <see cref="EnsurePartnerCenterSuccessAsync(HttpResponseMessage)"/>, with a token that cancels the body read.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the body read; the method then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The same response, when its status is below 400.</returns>
    /// <exception cref="PartnerCenterException">The status is 400 or above.</exception>
    public static ValueTask<HttpResponseMessage> EnsurePartnerCenterSuccessAsync(this HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.EnsurePartnerCenterSuccessAsync(PartnerCenterErrorClassifier.Default, cancellationToken);

    /// <summary>
    /// <see cref="EnsurePartnerCenterSuccessAsync(HttpResponseMessage)"/> with the app's classifier: when no telemetry
    /// handler classified the response, the body is read within its <see cref="PartnerCenterClassificationOptions.MaxBodyBytes"/>
    /// and classified with its <see cref="PartnerCenterClassificationOptions.CategoryOverrides"/>.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="classifier">
    /// The classifier, such as the one <c>AddPartnerCenterTelemetry</c> registers (made from the app's
    /// <see cref="PartnerCenterTelemetryOptions.Classification"/>).
    /// </param>
    /// <param name="cancellationToken">Cancels the body read; the method then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The same response, when its status is below 400.</returns>
    /// <exception cref="PartnerCenterException">The status is 400 or above.</exception>
    public static ValueTask<HttpResponseMessage> EnsurePartnerCenterSuccessAsync(this HttpResponseMessage response, PartnerCenterErrorClassifier classifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(classifier);
        return (int)response.StatusCode < 400 ? ValueTask.FromResult(response) : ThrowAsync(response, classifier, cancellationToken);
    }

    private static async ValueTask<HttpResponseMessage> ThrowAsync(HttpResponseMessage response, PartnerCenterErrorClassifier classifier, CancellationToken cancellationToken)
    {
        var request = response.RequestMessage;
        var status = (int)response.StatusCode;
        if (request is null
            || !request.TryGetPartnerCenterError(out var classification)
            || classification.StatusCode != status)
        {
            try
            {
                classification = await ErrorBodyCapture.ReadAndClassifyAsync(response, classifier, Defaults.BodyReadTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
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
        if (request is not null && !request.Options.TryGetValue(PartnerCenterRequestKeys.ResolvedOperation, out operation))
        {
            operation = DefaultOperations.Resolve(request);
        }

        var retryAfter = PartnerCenterHeaders.RetryAfterSeconds(response, TimeProvider.System);
        return new PartnerCenterException(classification)
        {
            Method = request is null ? null : TagValues.Method(request.Method),
            Operation = operation,
            RequestId = PartnerCenterHeaders.Get(response, request, PartnerCenterHeaders.RequestId),
            CorrelationId = PartnerCenterHeaders.Get(response, request, PartnerCenterHeaders.CorrelationId),
            RetryAfter = retryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
    }
}
