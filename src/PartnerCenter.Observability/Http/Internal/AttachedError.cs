using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// The error attached to a request: either a classification already made (the handler needed it for its spans,
/// metrics or logs), or the error body's bytes, classified on first read. When nothing listens, an in-memory error
/// body costs only the capture of a reference to its bytes, and the classification is paid by the code that asks for
/// it (<see cref="PartnerCenterRequestOptions.TryGetPartnerCenterError"/>, <c>EnsurePartnerCenterSuccessAsync</c>, the
/// retry strategy), once. Immutable once classified; safe to read from any thread.
/// </summary>
internal sealed class AttachedError
{
    /// <summary>Marks a classification that failed (reported once): the request reads as having no attached error.</summary>
    private static readonly object Failed = new();

    private readonly PartnerCenterErrorClassifier? _classifier;
    private readonly byte[]? _body;
    private readonly int _offset;
    private readonly int _count;
    private readonly int _statusCode;
    private object? _classification;

    private AttachedError(object classification)
    {
        _classification = classification;
    }

    private AttachedError(int statusCode, ArraySegment<byte> body, PartnerCenterErrorClassifier classifier)
    {
        _statusCode = statusCode;
        _body = body.Array;
        _offset = body.Offset;
        _count = body.Count;
        _classifier = classifier;
    }

    /// <summary>A classification already made.</summary>
    public static AttachedError Classified(in PartnerCenterErrorClassification classification) => new(classification);

    /// <summary>
    /// An error body to classify on first read. The bytes are the response content's own (no copy): in-memory content
    /// keeps its array unchanged for its lifetime.
    /// </summary>
    public static AttachedError Deferred(int statusCode, ArraySegment<byte> body, PartnerCenterErrorClassifier classifier) =>
        new(statusCode, body, classifier);

    /// <summary>Whether this is a classification already made that reads back equal to <paramref name="other"/>.</summary>
    public bool IsClassifiedAs(in PartnerCenterErrorClassification other) =>
        _classifier is null && Volatile.Read(ref _classification) is PartnerCenterErrorClassification mine && ErrorAttachment.Same(in mine, in other);

    /// <summary>The classification, made now if it was deferred; false if making it failed.</summary>
    public bool TryGet(out PartnerCenterErrorClassification classification)
    {
        var value = Volatile.Read(ref _classification) ?? Classify();
        if (value is PartnerCenterErrorClassification known)
        {
            classification = known;
            return true;
        }

        classification = default;
        return false;
    }

    private object Classify()
    {
        object value;
        try
        {
            value = _classifier!.Classify(_statusCode, new ReadOnlySpan<byte>(_body, _offset, _count), contentType: null);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("response", ex);
            value = Failed;
        }

        // Two threads may both classify the same bytes: the results are equal, and the first one published is kept.
        return Interlocked.CompareExchange(ref _classification, value, null) ?? value;
    }
}
