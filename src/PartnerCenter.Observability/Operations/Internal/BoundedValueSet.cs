using System.Collections.Concurrent;

namespace PartnerCenter.Observability.Operations;

/// <summary>A thread-safe set of at most <c>capacity</c> values; values past the cap map to <c>other</c>.</summary>
internal sealed class BoundedValueSet(int capacity)
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Returns the stored instance of <paramref name="value"/>, adding it while under the cap, or <c>other</c>.</summary>
    public string GetOrOther(string value)
    {
        if (_values.TryGetValue(value, out var existing))
        {
            return existing;
        }

        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return PartnerCenterTelemetryNames.Values.Other;
        }

        if (_values.TryAdd(value, value))
        {
            return value;
        }

        // Another thread added it first: give the slot back.
        Interlocked.Decrement(ref _count);
        return _values.TryGetValue(value, out existing) ? existing : value;
    }
}
