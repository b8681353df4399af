using System.Collections.Concurrent;
using System.Diagnostics;

namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>
/// Collects the spans of one test: it starts a root activity and keeps only stopped activities of the same trace, so
/// that tests running in parallel do not see each other's spans.
/// </summary>
internal sealed class SpanCollector : IDisposable
{
    private static readonly ActivitySource TestSource = new("PartnerCenter.Observability.Tests");
    private readonly ActivityListener _listener;
    private readonly Activity _root;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanCollector()
    {
        // Create the test source before the listener, so that the listener sees it.
        _ = TestSource.Name;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PartnerCenterTelemetryNames.SourceName or "System.Net.Http" || source == TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _root?.TraceId && activity != _root)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _root = TestSource.StartActivity("test-root")!;
    }

    public IReadOnlyList<Activity> Ours => [.. _stopped.Where(a => a.Source.Name == PartnerCenterTelemetryNames.SourceName)];

    public IReadOnlyList<Activity> Runtime => [.. _stopped.Where(a => a.Source.Name == "System.Net.Http")];

    public Activity Single() => Assert.Single(Ours);

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
