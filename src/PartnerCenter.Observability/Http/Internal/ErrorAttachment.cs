namespace PartnerCenter.Observability.Http;

/// <summary>
/// Attaches an error to its request, under one option key whose value only this library reads and writes
/// (<see cref="AttachedError"/>).
/// </summary>
internal static class ErrorAttachment
{
    /// <summary>The option key (its string is part of no public contract).</summary>
    public const string Key = "PartnerCenter.Observability.Error";

    public static void Attach(HttpRequestMessage request, in PartnerCenterErrorClassification classification) =>
        ((IDictionary<string, object?>)request.Options)[Key] = new AttachedError(0, default, null, classification);

    /// <summary>Attaches an error body to classify when something reads the error (never, in most successful jobs).</summary>
    public static void AttachDeferred(HttpRequestMessage request, int statusCode, ArraySegment<byte> body, PartnerCenterErrorClassifier classifier) =>
        ((IDictionary<string, object?>)request.Options)[Key] = new AttachedError(statusCode, body, classifier);

    /// <summary>
    /// Attaches the error of a response nothing listens to. An in-memory JSON body is classified when something reads
    /// the error, if ever; one past the size limit at once (a reference would keep all of it alive for the request's life).
    /// </summary>
    public static async ValueTask AttachAsync(HttpResponseMessage response, HttpRequestMessage request, PartnerCenterErrorClassifier classifier, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var capacity = classifier.Options.MaxBodyBytes + 1;
        if (Payload.PartnerCenterPayloadReader.IsJsonLike(response.Content.Headers.ContentType?.MediaType)
            && ErrorBodyCapture.TryReadInMemory(response.Content, capacity, out var body)
            && body.Array!.Length <= capacity)
        {
            AttachDeferred(request, (int)response.StatusCode, body, classifier);
            return;
        }

        var classification = await ErrorBodyCapture.ReadAndClassifyAsync(response, classifier, timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        Attach(request, in classification);
    }

    public static bool TryGet(HttpRequestMessage request, out PartnerCenterErrorClassification classification)
    {
        classification = default;
        return ((IDictionary<string, object?>)request.Options).TryGetValue(Key, out var value) && value is AttachedError attached && attached.TryGet(out classification);
    }
}
