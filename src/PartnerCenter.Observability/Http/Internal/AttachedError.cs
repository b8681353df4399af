using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// The error attached to a request: a classification already made, or an in-memory error body (the content's own
/// bytes, which it keeps unchanged), classified on first read. Safe to read from any thread.
/// </summary>
internal sealed class AttachedError
{
    /// <summary>Marks a classification that failed (reported once): the request reads as having no attached error.</summary>
    private static readonly object Failed = new();

    private readonly PartnerCenterErrorClassifier? _classifier;
    private readonly ArraySegment<byte> _body;
    private readonly int _statusCode;
    private object? _classification;

    public AttachedError(in PartnerCenterErrorClassification classification) => _classification = classification;

    public AttachedError(int statusCode, ArraySegment<byte> body, PartnerCenterErrorClassifier classifier) =>
        (_statusCode, _body, _classifier) = (statusCode, body, classifier);

    /// <summary>The classification, made now if it was deferred; false if making it failed.</summary>
    public bool TryGet(out PartnerCenterErrorClassification classification)
    {
        var value = Volatile.Read(ref _classification);
        if (value is null)
        {
            try
            {
                value = _classifier!.Classify(_statusCode, _body, contentType: null);
            }
            catch (Exception ex)
            {
                PartnerCenterEventSource.Log.InstrumentationFault("response", ex);
                value = Failed;
            }

            // Two threads may both classify the same bytes: the results are equal, and the first one published is kept.
            value = Interlocked.CompareExchange(ref _classification, value, null) ?? value;
        }

        classification = value is PartnerCenterErrorClassification known ? known : default;
        return value is PartnerCenterErrorClassification;
    }
}
