using System.Collections.Concurrent;

namespace PartnerCenter.Observability.Demo;

/// <summary>What the demo app saw, from its own side of each call. Thread-safe.</summary>
internal sealed class DemoStats
{
    private readonly ConcurrentDictionary<string, int> _byCategory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _byStatus = new();
    private readonly ConcurrentDictionary<string, CodeCount> _byCode = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _durations = new();
    private int _requests;
    private int _succeeded;
    private int _failed;
    private int _timedOut;

    public int Requests => Volatile.Read(ref _requests);

    public int Succeeded => Volatile.Read(ref _succeeded);

    public int Failed => Volatile.Read(ref _failed);

    public int TimedOut => Volatile.Read(ref _timedOut);

    public IReadOnlyDictionary<string, int> ErrorsByCategory => _byCategory;

    public IReadOnlyDictionary<int, int> StatusCounts => _byStatus;

    public IReadOnlyList<CodeCount> TopCodes(int count) => [.. _byCode.Values.OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).Take(count)];

    public void Success(int status, double seconds)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _succeeded);
        _byStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);
        _durations.Enqueue(seconds);
    }

    public void Failure(int? status, PartnerCenterErrorClassification? classification, string category, double seconds)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _failed);
        _byCategory.AddOrUpdate(category, 1, static (_, n) => n + 1);
        if (status is { } s)
        {
            _byStatus.AddOrUpdate(s, 1, static (_, n) => n + 1);
        }

        if (classification?.Code is { } code)
        {
            // The text shown is the first in ordinal order of those seen, not the first to arrive: with a fixed seed the
            // set of texts is fixed, their arrival order is not (calls overlap).
            var description = classification.Value.Description;
            _byCode.AddOrUpdate(
                code,
                _ => new CodeCount(code, category, description, 1),
                (_, c) => c with { Count = c.Count + 1, Template = OrdinalFirst(description, c.Template) });
        }

        _durations.Enqueue(seconds);
    }

    private static string? OrdinalFirst(string? a, string? b) =>
        a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;

    /// <summary>A call the client gave up on (HttpClient.Timeout): not an error for the telemetry, counted apart.</summary>
    public void Timeout(double seconds)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _timedOut);
        _durations.Enqueue(seconds);
    }

    public double Percentile(double p)
    {
        var sorted = _durations.ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        Array.Sort(sorted);
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}

/// <summary>How often one error code was seen, with its category and template.</summary>
internal sealed record CodeCount(string Code, string Category, string? Template, int Count);
