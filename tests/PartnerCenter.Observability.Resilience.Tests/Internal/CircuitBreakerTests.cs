using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using PartnerCenter.Observability.Resilience.Tests.Infrastructure;
using Polly.CircuitBreaker;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Resilience.Tests.Internal;

/// <summary>The standard circuit breaker, inside the retry loop, counts transient failures once per attempt; 429 paces instead.</summary>
public sealed class CircuitBreakerTests
{
    private static void SensitiveBreaker(HttpStandardResilienceOptions o)
    {
        o.CircuitBreaker.MinimumThroughput = 2;
        o.CircuitBreaker.FailureRatio = 0.5;
        o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
        o.Retry.UseJitter = false;
    }

    [Fact]
    public async Task Throttling_does_not_open_the_circuit()
    {
        await using var harness = await ResilienceHarness.StartAsync(configurePipeline: SensitiveBreaker);

        using var response = await harness.PostOrderAsync("status=429;retry-after=1", "status=429;retry-after=1", "status=429;retry-after=1", "status=429;retry-after=1", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(5, harness.Received.Count);
    }

    [Fact]
    public async Task Transient_failures_open_the_circuit_and_a_refused_attempt_is_not_retried()
    {
        await using var harness = await ResilienceHarness.StartAsync(configurePipeline: SensitiveBreaker);
        using var spans = new SpanCollector();
        harness.Script.Enqueue("kind=html;status=503", "kind=html;status=503", "success");

        await Assert.ThrowsAsync<BrokenCircuitException>(() => harness.PostOrderAsync());

        // Two failures opened the circuit; the third attempt was refused before it was sent, and not retried.
        Assert.Equal(2, harness.Received.Count);
        Assert.Equal(2, harness.Driver.Retries.Count);
        var call = Assert.Single(spans.Ours, s => s.Kind == ActivityKind.Internal);
        Assert.Equal(2, call.GetTagItem("partner_center.attempts"));
        Assert.Equal(typeof(BrokenCircuitException).FullName, call.GetTagItem(Names.ErrorType));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal(2, spans.Ours.Count(s => s.Kind == ActivityKind.Client));
    }
}
