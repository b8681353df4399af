using System.Collections.Concurrent;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>Span names (<c>{METHOD} {operation}</c>), built once per method and operation; both sets are bounded.</summary>
internal static class SpanNames
{
    private const int MaxCached = 4096;
    private static readonly ConcurrentDictionary<(string Method, string Operation), string> Cache = new();

    public static string Get(string method, string operation)
    {
        if (Cache.TryGetValue((method, operation), out var name))
        {
            return name;
        }

        name = string.Concat(method, " ", operation);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd((method, operation), name);
        }

        return name;
    }
}
