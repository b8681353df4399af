using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// The error attached to a request: a classification, or an in-memory error body (the content's own bytes, which it
/// never changes) classified on first read, once; a failure to classify reads as no error. Safe on any thread.
/// </summary>
internal sealed class AttachedError(int statusCode, ArraySegment<byte> body, PartnerCenterErrorClassifier? classifier, object? classification = null)
{
    private static readonly object Failed = new();
    private object? _classification = classification;

    public bool TryGet(out PartnerCenterErrorClassification classification)
    {
        if (Volatile.Read(ref _classification) is null)
        {
            object value;
            try
            {
                value = classifier!.Classify(statusCode, body, contentType: null);
            }
            catch (Exception ex)
            {
                PartnerCenterEventSource.Log.InstrumentationFault("response", ex);
                value = Failed;
            }

            // Two threads may both classify the same bytes: the results are equal, and the first one published is kept.
            Interlocked.CompareExchange(ref _classification, value, null);
        }

        classification = _classification is PartnerCenterErrorClassification known ? known : default;
        return _classification is PartnerCenterErrorClassification;
    }
}
