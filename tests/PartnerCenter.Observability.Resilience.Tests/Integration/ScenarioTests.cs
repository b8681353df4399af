using PartnerCenter.Observability.Resilience.Tests.Infrastructure;
using PartnerCenter.Observability.Simulator;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Resilience.Tests.Integration;

/// <summary>Whole simulator scenarios, seeded, ridden out on the fake clock.</summary>
public sealed class ScenarioTests
{
    private const int Calls = 12;

    [Fact]
    public async Task A_throttle_storm_is_ridden_out_by_waiting_as_Retry_After_says()
    {
        await using var harness = await ResilienceHarness.StartAsync(configureSimulator: o => o.Scenario = PartnerCenterScenario.ThrottleStorm);

        var finals = new List<int>();
        for (var i = 0; i < Calls; i++)
        {
            using var response = await harness.PostOrderAsync();
            finals.Add((int)response.StatusCode);
        }

        var calls = GroupByCall(harness.Received);
        Assert.Equal(Calls, calls.Count);
        var gaps = new List<TimeSpan>();
        for (var i = 0; i < Calls; i++)
        {
            var attempts = calls[i];
            Assert.InRange(attempts.Count, 1, 5);
            Assert.All(attempts.SkipLast(1), a => Assert.Equal(429, a.StatusCode));
            Assert.Equal(finals[i], attempts[^1].StatusCode);
            Assert.True(finals[i] == 201 || attempts.Count == 5, $"call {i}: {finals[i]} after {attempts.Count} attempts");
            gaps.AddRange(harness.ArrivalGaps(attempts));
        }

        // Every wait was the Retry-After the simulator sent (1-10 s, as delta seconds or as an HTTP date).
        var delays = harness.Driver.Retries.Select(r => r.Delay).ToList();
        Assert.Equal(delays, gaps);
        Assert.All(harness.Driver.Retries, r => Assert.True(r.HadRetryAfter));
        Assert.All(delays, d => Assert.True(d.Ticks % TimeSpan.TicksPerSecond == 0 && d >= TimeSpan.FromSeconds(1) && d <= TimeSpan.FromSeconds(10), d.ToString()));
        Assert.Contains(finals, s => s == 201);
        Assert.True(delays.Count >= Calls, "the storm should have forced retries");

        var retries = harness.Retries.GetMeasurementSnapshot();
        Assert.Equal(harness.Received.Count - Calls, retries.Count);
        Assert.All(retries, m => Assert.Equal("quota", m.Tags[Names.ErrorCategory]));
        Assert.All(retries, m => Assert.Equal(ResilienceHarness.OrdersOperation, m.Tags[Names.Operation]));
    }

    [Fact]
    public async Task An_outage_is_retried_with_backoff_and_one_MS_RequestId_per_call()
    {
        await using var harness = await ResilienceHarness.StartAsync(
            configurePipeline: o => o.Retry.UseJitter = false,
            configureSimulator: o =>
            {
                o.Scenario = PartnerCenterScenario.Outage;
                o.SlowBodyDelay = TimeSpan.Zero; // no stalls or holds: every failure answers at once
                o.TimeoutDelay = TimeSpan.Zero;
            });

        for (var i = 0; i < Calls; i++)
        {
            try
            {
                using var response = await harness.PostOrderAsync();
            }
            catch (HttpRequestException)
            {
                // The last attempt of a call was a dropped connection: the caller sees the exception.
            }
        }

        var calls = GroupByCall(harness.Received);
        Assert.Equal(Calls, calls.Count);
        TimeSpan[] backoff = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];
        foreach (var attempts in calls)
        {
            Assert.InRange(attempts.Count, 1, 5);
            Assert.All(attempts.SkipLast(1), a => Assert.Equal(PartnerCenterErrorCategory.Transient, a.IntendedCategory));
            Assert.True(attempts[^1].IntendedCategory is null || attempts.Count == 5);
            Assert.Equal(backoff[..(attempts.Count - 1)], harness.ArrivalGaps(attempts));
        }

        Assert.Contains(harness.Received, r => r.Outcome == "dropped");
        Assert.Contains(harness.Received, r => r.StatusCode == 502);
        var retries = harness.Retries.GetMeasurementSnapshot();
        Assert.Equal(harness.Received.Count - Calls, retries.Count);
        Assert.All(retries, m => Assert.Equal("transient", m.Tags[Names.ErrorCategory]));
    }

    /// <summary>The server's records, one list per logical call (by MS-RequestId), in order.</summary>
    private static List<List<PartnerCenterSimulatorRequest>> GroupByCall(IReadOnlyList<PartnerCenterSimulatorRequest> received)
    {
        Assert.All(received, r => Assert.NotNull(r.RequestId));
        return [.. received.GroupBy(r => r.RequestId).Select(g => g.OrderBy(r => r.Sequence).ToList())];
    }
}
