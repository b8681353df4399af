using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using PartnerCenter.Observability.Resilience.Tests.Infrastructure;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Resilience.Tests.DependencyInjection;

/// <summary>
/// The logical-call handler is outside the retry loop and the telemetry handler inside it, however the app registers them.
/// </summary>
public sealed class HandlerOrderTests
{
    [Theory]
    [InlineData(TelemetrySetup.ClientBeforeResilience)]
    [InlineData(TelemetrySetup.ClientAfterResilience)]
    [InlineData(TelemetrySetup.AllClients)]
    public async Task The_telemetry_handler_is_inside_the_retry_loop_and_the_call_handler_outside(TelemetrySetup setup)
    {
        await using var harness = await ResilienceHarness.StartAsync(telemetry: setup);

        var chain = HandlerChain(harness.Services);

        var call = chain.IndexOf("PartnerCenterCallHandler");
        var resilience = chain.IndexOf("ResilienceHandler");
        var script = chain.IndexOf(nameof(ScriptHandler));
        var telemetry = chain.IndexOf("PartnerCenterTelemetryHandler");
        Assert.True(call >= 0 && call < resilience && resilience < script && script < telemetry, string.Join(" → ", chain));
        Assert.Single(chain, name => name == "PartnerCenterTelemetryHandler");
        Assert.Single(chain, name => name == "ResilienceHandler");

        // And it shows: one attempt span per attempt, each a child of the call span.
        using var spans = new SpanCollector();
        using var response = await harness.PostOrderAsync("kind=empty;status=503", "success");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var callSpan = Assert.Single(spans.Ours, s => s.Kind == ActivityKind.Internal);
        Assert.Equal(2, spans.Ours.Count(s => s.Kind == ActivityKind.Client && s.ParentSpanId == callSpan.SpanId));
    }

    [Fact]
    public async Task Adding_the_handler_twice_does_not_nest_a_second_retry_loop()
    {
        var services = new ServiceCollection();
        var client = services.AddHttpClient("twice").AddPartnerCenterTelemetry();
        var first = client.AddPartnerCenterResilienceHandler(o => o.MaxRetryAttempts = 2);
        var second = client.AddPartnerCenterResilienceHandler(o => o.MaxRetryAttempts = 3);
        await using var provider = services.BuildServiceProvider();

        Assert.Same(first, second);
        var chain = HandlerChain(provider, "twice");
        Assert.Single(chain, name => name == "ResilienceHandler");
        Assert.Single(chain, name => name == "PartnerCenterCallHandler");
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<HttpStandardResilienceOptions>>().Get(first.PipelineName);
        Assert.Equal(3, options.Retry.MaxRetryAttempts);
    }

    [Fact]
    public async Task The_standard_options_carry_the_Partner_Center_defaults()
    {
        var services = new ServiceCollection();
        var pipeline = services.AddHttpClient("defaults").AddPartnerCenterResilienceHandler();
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<HttpStandardResilienceOptions>>().Get(pipeline.PipelineName);
        Assert.Equal(4, options.Retry.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromMinutes(2), options.TotalRequestTimeout.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CircuitBreaker.SamplingDuration);
        Assert.False(options.Retry.ShouldRetryAfterHeader);
        Assert.NotNull(options.Retry.DelayGenerator);
        Assert.NotNull(options.Retry.OnRetry);

        // The standard handler turns HttpClient's own 100 s timeout off: the 2-minute budget decides.
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("defaults");
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    [Fact]
    public async Task Without_a_telemetry_handler_responses_are_classified_by_status()
    {
        await using var harness = await ResilienceHarness.StartAsync(telemetry: TelemetrySetup.None);
        using var spans = new SpanCollector();

        using (var retried = await harness.PostOrderAsync("status=500;code=800003", "status=429;retry-after=4", "success"))
        using (var eligibility = await harness.PostOrderAsync("status=403;code=800020"))
        {
            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, eligibility.StatusCode);
        }

        Assert.Equal(4, harness.Received.Count);
        Assert.Equal([TimeSpan.FromSeconds(4)], harness.Driver.Retries.Skip(1).Select(r => r.Delay));
        Assert.Equal(["transient", "quota"], harness.Retries.GetMeasurementSnapshot().Select(m => m.Tags[Names.ErrorCategory]));

        // Still one span per call, and the MS-RequestId is still fixed once per call by the call handler.
        Assert.Equal(2, spans.Ours.Count);
        Assert.All(spans.Ours, s => Assert.Equal(ActivityKind.Internal, s.Kind));
        Assert.Equal("auth", spans.Ours[1].GetTagItem(Names.ErrorCategory)); // 403 by status alone
        Assert.Single(harness.Received.Take(3).Select(r => r.RequestId).Distinct());
        Assert.NotNull(harness.Received[0].RequestId);
    }

    private static List<string> HandlerChain(IServiceProvider services, string name = ResilienceHarness.ClientName)
    {
        var names = new List<string>();
        HttpMessageHandler? handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);
        while (handler is not null)
        {
            names.Add(handler.GetType().Name);
            handler = (handler as DelegatingHandler)?.InnerHandler;
        }

        return names;
    }
}
