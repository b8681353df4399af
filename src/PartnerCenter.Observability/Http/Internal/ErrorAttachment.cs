namespace PartnerCenter.Observability.Http;

/// <summary>
/// Attaches a classification to its request (<see cref="PartnerCenterRequestOptions.Error"/>) without boxing it again
/// when it equals the last one attached on this thread: a storm of the same error (429s, one eligibility code) shares
/// one immutable box. Readers see an ordinary option value.
/// </summary>
internal static class ErrorAttachment
{
    [ThreadStatic]
    private static object? t_lastBox;

    public static void Attach(HttpRequestMessage request, in PartnerCenterErrorClassification classification)
    {
        var box = t_lastBox;
        if (box is not PartnerCenterErrorClassification last || !Same(in last, in classification))
        {
            box = classification;
            t_lastBox = box;
        }

        ((IDictionary<string, object?>)request.Options)[PartnerCenterRequestOptions.Error.Key] = box;
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
}
