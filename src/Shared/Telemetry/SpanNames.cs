using System.Collections.Concurrent;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>Span names (<c>{METHOD} {operation}</c>), built once per method and operation; both sets are bounded.</summary>
internal static class SpanNames
{
    private const int MaxCached = 4096;
    private static readonly ConcurrentDictionary<(string Method, string Operation), string> Cache = new();

    /// <summary>
    /// This thread's last name. Methods and route-template operations are the same string instances from call to call,
    /// so a repeated call is two reference comparisons instead of hashing both strings for the shared cache.
    /// </summary>
    [ThreadStatic]
    private static LastName? t_last;

    public static string Get(string method, string operation)
    {
        var last = t_last;
        if (last is not null && ReferenceEquals(last.Method, method) && ReferenceEquals(last.Operation, operation))
        {
            return last.Name;
        }

        var name = Lookup(method, operation);
        last ??= t_last = new LastName();
        last.Method = method;
        last.Operation = operation;
        last.Name = name;
        return name;
    }

    private static string Lookup(string method, string operation)
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

    /// <summary>One per thread, overwritten on a miss (so a mix of operations allocates nothing more).</summary>
    private sealed class LastName
    {
        public string? Method;
        public string? Operation;
        public string Name = string.Empty;
    }
}
