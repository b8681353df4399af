using System.Collections.Concurrent;
using PartnerCenter.Observability.Operations;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>
/// Bounds the error-code tag of metrics: catalogued codes as they are; codes that are not tag-safe
/// (<see cref="ErrorCodeTag.IsTagSafe"/>) <c>other</c> without taking a slot; the rest at most
/// <c>maxPerOperation</c> per operation, then <c>other</c>. Spans and logs are not capped (traces are not aggregated).
/// </summary>
internal sealed class MetricCodeCap(int maxPerOperation)
{
    private readonly ConcurrentDictionary<string, BoundedValueSet> _codesByOperation = new(StringComparer.Ordinal);

    public string? Bound(string operation, in PartnerCenterErrorClassification classification)
    {
        var code = classification.Code;
        if (code is null || ErrorCodeTag.IsCatalogued(classification))
        {
            return code;
        }

        return ErrorCodeTag.IsTagSafe(code)
            ? _codesByOperation.GetOrAdd(operation, static (_, max) => new BoundedValueSet(max), maxPerOperation).GetOrOther(code)
            : PartnerCenterTelemetryNames.Values.Other;
    }
}
