using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerCenter.Observability.Resilience.Tests;

/// <summary>The public pieces, for apps that build their own pipeline.</summary>
public sealed class PartnerCenterRetryTests
{
    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    [InlineData(200, false)]
    public void Without_an_attached_classification_the_status_decides(int status, bool retryable)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = new HttpRequestMessage() };

        Assert.Equal(retryable, PartnerCenterRetry.IsRetryable(Outcome.FromResult(response)));
    }

    [Fact]
    public async Task The_classification_the_telemetry_handler_attached_wins_over_the_status()
    {
        // An uncataloged 400 whose body states "isRetryable": true is retryable by its body; by its status it would not be.
        using var response = await ThroughTheTelemetryHandlerAsync(HttpStatusCode.BadRequest, """{"code": 123456, "description": "The service is busy, please try again later.", "isRetryable": true}""");

        // Transient wording at a 400: the fallback cannot tell whose fault it is, so the category is unknown (never transient).
        Assert.True(response.RequestMessage!.TryGetPartnerCenterError(out var classification));
        Assert.Equal(PartnerCenterErrorCategory.Unknown, classification.Category);
        Assert.True(PartnerCenterRetry.IsRetryable(Outcome.FromResult(response)));
    }

    [Fact]
    public async Task A_400_that_only_says_try_again_is_not_retried()
    {
        // "then try again" in a 400 means "after you fix something": no keyword makes a 4xx retryable.
        using var response = await ThroughTheTelemetryHandlerAsync(HttpStatusCode.BadRequest, """{"code": 123456, "description": "The service is busy, please try again later."}""");

        Assert.True(response.RequestMessage!.TryGetPartnerCenterError(out var classification));
        Assert.Equal(PartnerCenterErrorCategory.Unknown, classification.Category);
        Assert.False(PartnerCenterRetry.IsRetryable(Outcome.FromResult(response)));
    }

    [Fact]
    public async Task An_attached_classification_of_another_response_is_ignored()
    {
        // The handler attached a 503 to the request; a 403 later answered to the same request is not that error.
        using var unavailable = await ThroughTheTelemetryHandlerAsync(HttpStatusCode.ServiceUnavailable, "{}");
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { RequestMessage = unavailable.RequestMessage };

        Assert.True(PartnerCenterRetry.IsRetryable(Outcome.FromResult(unavailable)));
        Assert.False(PartnerCenterRetry.IsRetryable(Outcome.FromResult(response)));
    }

    [Fact]
    public void Network_failures_and_timeouts_are_retryable_the_callers_cancellation_is_not()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.True(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused", null, HttpStatusCode.ServiceUnavailable))));
        Assert.True(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())));
        Assert.True(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new TaskCanceledException("connect", new TimeoutException()))));
        Assert.False(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException())));
        Assert.False(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException())));
        Assert.False(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("refused")), cancelled.Token));
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    public void An_exception_that_carries_a_status_is_retried_only_when_that_status_is(HttpStatusCode status, bool expected)
    {
        // What EnsureSuccessStatusCode throws inside a pipeline callback: a response, not a network failure.
        Assert.Equal(expected, PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("failed", null, status))));
    }

    [Fact]
    public void A_PartnerCenterException_is_retried_as_its_classification_says()
    {
        var options = new PartnerCenterClassificationOptions();
        options.CategoryOverrides["800003"] = PartnerCenterErrorCategory.Transient;
        var classifier = new PartnerCenterErrorClassifier(options);
        var body = """{"code": 800003, "description": "Unexpected service error"}"""u8;

        Assert.False(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new PartnerCenterException(classifier.Classify(409, body, "application/json")))));
        Assert.True(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new PartnerCenterException(classifier.Classify(503, body, "application/json")))));
        Assert.False(PartnerCenterRetry.IsRetryable(Outcome.FromException<HttpResponseMessage>(new PartnerCenterException(classifier.Classify(403, """{"code": 800020}"""u8, "application/json")))));
    }

    [Fact]
    public async Task A_pipeline_does_not_retry_a_409_thrown_by_EnsureSuccessStatusCode()
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage> { ShouldHandle = PartnerCenterRetry.ShouldHandle, MaxRetryAttempts = 3, Delay = TimeSpan.Zero })
            .Build();
        var attempts = 0;

        await Assert.ThrowsAsync<HttpRequestException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            using var response = new HttpResponseMessage(HttpStatusCode.Conflict);
            response.EnsureSuccessStatusCode();
            return ValueTask.FromResult(response);
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task ShouldHandle_is_IsRetryable_for_the_strategy()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            Assert.True(await PartnerCenterRetry.ShouldHandle(new RetryPredicateArguments<HttpResponseMessage>(context, Outcome.FromResult(response), 0)));
            Assert.False(await PartnerCenterRetry.ShouldHandle(new RetryPredicateArguments<HttpResponseMessage>(context, Outcome.FromException<HttpResponseMessage>(new OperationCanceledException()), 0)));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [Fact]
    public async Task The_delay_generator_reads_both_Retry_After_forms_caps_them_and_defers_to_backoff_without_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
        var generate = PartnerCenterRetry.CreateDelayGenerator(TimeSpan.FromSeconds(60), clock);

        Assert.Equal(TimeSpan.FromSeconds(5), await DelayFor(generate, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5))));
        Assert.Equal(TimeSpan.FromSeconds(30), await DelayFor(generate, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(30))));
        Assert.Equal(TimeSpan.FromSeconds(60), await DelayFor(generate, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(500))));
        Assert.Equal(TimeSpan.Zero, await DelayFor(generate, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(-30))));
        Assert.Null(await DelayFor(generate, _ => { }));
        Assert.Null(await DelayFor(generate, r => r.Headers.TryAddWithoutValidation("Retry-After", "soon")));
        Assert.Equal(TimeSpan.FromSeconds(60), await DelayFor(PartnerCenterRetry.DelayGenerator, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(90))));
    }

    private static async Task<TimeSpan?> DelayFor(Func<RetryDelayGeneratorArguments<HttpResponseMessage>, ValueTask<TimeSpan?>> generate, Action<HttpResponseMessage> headers)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        headers(response);
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            return await generate(new RetryDelayGeneratorArguments<HttpResponseMessage>(context, Outcome.FromResult(response), 0));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A response as the app sees it: sent through a client with <c>AddPartnerCenterTelemetry()</c>, whose handler
    /// classifies the body and attaches the result to the request (the only way to attach one).
    /// </summary>
    private static async Task<HttpResponseMessage> ThroughTheTelemetryHandlerAsync(HttpStatusCode status, string body)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("pc")
            .AddPartnerCenterTelemetry()
            .ConfigurePrimaryHttpMessageHandler(() => new CannedResponseHandler(status, body));
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pc");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders"), timeout.Token);
    }

    private sealed class CannedResponseHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
