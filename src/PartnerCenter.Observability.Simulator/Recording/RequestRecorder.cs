using System.Collections.Concurrent;

namespace PartnerCenter.Observability.Simulator.Recording;

/// <summary>
/// What the server saw: a bounded list of the most recent requests (each recorded on arrival, its status filled in when
/// the response starts) and counters per status sent. Thread-safe.
/// </summary>
internal sealed class RequestRecorder
{
    private readonly Lock _gate = new();
    private readonly Queue<Entry> _entries = new();
    private readonly ConcurrentDictionary<int, int> _statusCounts = new();
    private readonly int _capacity;

    public RequestRecorder(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>Records a request on arrival; its status is 0 until <see cref="Entry.SetStatus"/>.</summary>
    public Entry Add(PartnerCenterSimulatorRequest request)
    {
        var entry = new Entry(this, request);
        if (_capacity == 0)
        {
            return entry;
        }

        lock (_gate)
        {
            if (_entries.Count == _capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }

        return entry;
    }

    /// <summary>A snapshot, in sequence order.</summary>
    public IReadOnlyList<PartnerCenterSimulatorRequest> Snapshot()
    {
        Entry[] entries;
        lock (_gate)
        {
            entries = [.. _entries];
        }

        return [.. entries.Select(e => e.ToRecord()).OrderBy(r => r.Sequence)];
    }

    public IReadOnlyDictionary<int, int> StatusCounts() =>
        new SortedDictionary<int, int>(_statusCounts.ToDictionary(p => p.Key, p => p.Value));

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _statusCounts.Clear();
        }
    }

    /// <summary>One recorded request; the status is set once, when the response starts.</summary>
    internal sealed class Entry
    {
        private const int NoResponse = -1;

        private readonly RequestRecorder _owner;
        private readonly PartnerCenterSimulatorRequest _request;
        private int _status;

        public Entry(RequestRecorder owner, PartnerCenterSimulatorRequest request)
        {
            _owner = owner;
            _request = request;
        }

        public void SetStatus(int statusCode)
        {
            if (Interlocked.CompareExchange(ref _status, statusCode, 0) == 0)
            {
                _owner._statusCounts.AddOrUpdate(statusCode, 1, static (_, n) => n + 1);
            }
        }

        /// <summary>The connection was aborted before a response started: none will be counted, whatever the server does next.</summary>
        public void MarkNoResponse() => Interlocked.CompareExchange(ref _status, NoResponse, 0);

        public PartnerCenterSimulatorRequest ToRecord() => _request with { StatusCode = Math.Max(0, Volatile.Read(ref _status)) };
    }
}
