using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Net;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>Faults in listeners attached to our source. Listeners are process-wide, so these tests run alone.</summary>
[Collection(NonParallelTests.Name)]
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task A_throwing_listener_never_reaches_the_caller()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, """{"code": 800020}""");
        using var harness = new TelemetryHarness();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PartnerCenterTelemetryNames.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _ => throw new InvalidOperationException("listener fault on start"),
            ActivityStopped = _ => throw new InvalidOperationException("listener fault on stop"),
        };
        ActivitySource.AddActivityListener(listener);
        using var client = harness.CreateClient();

        using var events = new FaultEventListener();
        using var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/invoices"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"code": 800020}""", await response.Content.ReadAsStringAsync());

        // The metrics still saw the call, and the faults were reported through the EventSource.
        Assert.Equal(1, harness.Errors.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Contains(events.Messages, m => m.Contains("listener fault on start", StringComparison.Ordinal));
        Assert.Contains(events.Messages, m => m.Contains("listener fault on stop", StringComparison.Ordinal));
    }

    private sealed class FaultEventListener : EventListener
    {
        public List<string> Messages { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "PartnerCenter-Observability")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            lock (Messages)
            {
                Messages.Add(string.Join(" | ", eventData.Payload ?? []));
            }
        }
    }
}
