using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// An attempt is timed with the monotonic clock: the span's duration and the histogram's measurement are the same
/// value, and a wall-clock jump during the call moves neither.
/// </summary>
public sealed class AttemptClockTests
{
    [Fact]
    public async Task The_span_duration_and_the_duration_measurement_are_the_same_value()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        using var harness = new TelemetryHarness();
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/customers"));

        var span = Assert.Single(spans.Ours);
        var measured = Assert.Single(harness.Duration.GetMeasurementSnapshot());
        Assert.True(span.Duration > TimeSpan.Zero);
        Assert.Equal(span.Duration.TotalSeconds, measured.Value);
    }

    [Fact]
    public async Task A_wall_clock_jump_during_the_call_moves_neither_the_span_nor_the_measurement()
    {
        // The server's answer takes exactly 1.5 s of monotonic time and, meanwhile, the wall clock is set back an hour.
        var clock = new JumpingClock();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            clock.Elapse(TimeSpan.FromSeconds(1.5));
            clock.SetWallClockBack(TimeSpan.FromHours(1));
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        using var harness = new TelemetryHarness(services => services.AddSingleton<TimeProvider>(clock));
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/customers"));

        var span = Assert.Single(spans.Ours);
        var measured = Assert.Single(harness.Duration.GetMeasurementSnapshot());
        Assert.Equal(1.5, measured.Value);
        Assert.Equal(TimeSpan.FromSeconds(1.5), span.Duration);
    }

    /// <summary>A clock whose monotonic time moves only when told, and whose wall clock can be set back.</summary>
    private sealed class JumpingClock : TimeProvider
    {
        private long _timestamp;
        private TimeSpan _wallClockOffset;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - _wallClockOffset;

        public void Elapse(TimeSpan time) => Interlocked.Add(ref _timestamp, time.Ticks);

        public void SetWallClockBack(TimeSpan time) => _wallClockOffset += time;
    }
}
