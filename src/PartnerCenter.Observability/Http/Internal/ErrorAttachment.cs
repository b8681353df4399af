namespace PartnerCenter.Observability.Http;

/// <summary>
/// Attaches an error to its request, under one option key whose value only this library reads and writes
/// (<see cref="AttachedError"/>). A classification equal to the last one attached on this thread shares its holder:
/// a storm of the same error (429s, one eligibility code) allocates nothing per request once the request has options.
/// </summary>
internal static class ErrorAttachment
{
    /// <summary>The option key (its string is part of no public contract).</summary>
    public const string Key = "PartnerCenter.Observability.Error";

    [ThreadStatic]
    private static AttachedError? t_last;

    public static void Attach(HttpRequestMessage request, in PartnerCenterErrorClassification classification)
    {
        var attached = t_last;
        if (attached is null || !attached.IsClassifiedAs(in classification))
        {
            attached = AttachedError.Classified(in classification);
            t_last = attached;
        }

        Set(request, attached);
    }

    /// <summary>
    /// Attaches the error of an in-memory body without classifying it: nothing listens, so the classification is made
    /// when something reads the attached error (<see cref="AttachedError"/>), if ever. A body past the size limit is
    /// classified now: a reference kept on the request would keep all of it alive for as long as the request, where the
    /// classification needs only its first bytes. False for a content that is not in memory (it has to be read).
    /// </summary>
    public static bool TryAttachInMemory(HttpResponseMessage response, HttpRequestMessage request, PartnerCenterErrorClassifier classifier)
    {
        var status = (int)response.StatusCode;
        switch (ErrorBodyCapture.TryCaptureInMemory(response, classifier, out var classification, out var body))
        {
            case InMemoryCapture.Captured when body.Array!.Length <= classifier.Options.MaxBodyBytes + 1:
                AttachDeferred(request, status, body, classifier);
                return true;
            case InMemoryCapture.Captured:
                var now = classifier.Classify(status, body, contentType: null);
                Attach(request, in now);
                return true;
            case InMemoryCapture.Classified:
                Attach(request, in classification);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Attaches an error body to classify when something reads the error (never, in most successful jobs).</summary>
    public static void AttachDeferred(HttpRequestMessage request, int statusCode, ArraySegment<byte> body, PartnerCenterErrorClassifier classifier) =>
        Set(request, AttachedError.Deferred(statusCode, body, classifier));

    public static bool TryGet(HttpRequestMessage request, out PartnerCenterErrorClassification classification)
    {
        if (((IDictionary<string, object?>)request.Options).TryGetValue(Key, out var value) && value is AttachedError attached)
        {
            return attached.TryGet(out classification);
        }

        classification = default;
        return false;
    }

    /// <summary>Field by field, strings by ordinal value: two results that no reader could tell apart.</summary>
    internal static bool Same(in PartnerCenterErrorClassification a, in PartnerCenterErrorClassification b) =>
        a.StatusCode == b.StatusCode
        && a.Category == b.Category
        && a.Source == b.Source
        && a.Payload == b.Payload
        && a.ServerStatedRetryable == b.ServerStatedRetryable
        && ReferenceEquals(a.Definition, b.Definition)
        && string.Equals(a.Code, b.Code, StringComparison.Ordinal)
        && string.Equals(a.Description, b.Description, StringComparison.Ordinal)
        && string.Equals(a.RawDescription, b.RawDescription, StringComparison.Ordinal);

    private static void Set(HttpRequestMessage request, AttachedError attached) =>
        ((IDictionary<string, object?>)request.Options)[Key] = attached;
}
