using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// With a span and the system clock, an attempt reads the clock once at its end and gives that read to the span: the
/// span's duration and the histogram's measurement are the same value, and stopping the span does not move it.
/// </summary>
public sealed class AttemptClockTests
{
    [Fact]
    public async Task The_span_duration_and_the_duration_measurement_come_from_the_same_clock_reads()
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
}
