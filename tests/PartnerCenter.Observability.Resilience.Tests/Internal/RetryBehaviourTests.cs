using System.Net;
using PartnerCenter.Observability.Resilience.Tests.Infrastructure;

namespace PartnerCenter.Observability.Resilience.Tests.Internal;

/// <summary>What is retried, how long the pipeline waits, and what the server sees.</summary>
public sealed class RetryBehaviourTests
{
    private static readonly TimeSpan[] ExponentialNoJitter = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_and_one_MS_RequestId()
    {
        await using var harness = await ResilienceHarness.StartAsync(configurePipeline: o => o.Retry.UseJitter = false);

        using var response = await harness.PostOrderAsync("status=500;code=800003", "kind=html;status=502", "kind=empty;status=503", "kind=drop", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var seen = harness.Received;
        Assert.Equal([500, 502, 503, 0, 201], seen.Select(r => r.StatusCode));
        Assert.Equal("dropped", seen[3].Outcome);
        var requestId = Assert.Single(seen.Select(r => r.RequestId).Distinct());
        Assert.True(Guid.TryParse(requestId, out _));
        Assert.Single(seen.Select(r => r.CorrelationId).Distinct());
        Assert.Equal(ExponentialNoJitter, harness.Driver.Retries.Select(r => r.Delay));
        Assert.Equal(ExponentialNoJitter, harness.ArrivalGaps());
        Assert.True(harness.Driver.Retries[3].Exception?.IsAssignableTo(typeof(HttpRequestException)));
    }

    [Fact]
    public async Task Without_Retry_After_the_backoff_is_exponential_with_jitter()
    {
        await using var harness = await ResilienceHarness.StartAsync();

        using var response = await harness.PostOrderAsync("kind=html;status=503", "kind=html;status=503", "kind=html;status=503", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var delays = harness.Driver.Retries.Select(r => r.Delay).ToList();
        Assert.Equal(3, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)));
        Assert.NotEqual(ExponentialNoJitter[..3], delays);

        // The clock moved by exactly the delays the strategy chose (timers have millisecond resolution).
        Assert.All(delays.Zip(harness.ArrivalGaps()), pair => Assert.InRange((pair.First - pair.Second).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task Retry_After_in_seconds_is_the_delay()
    {
        await using var harness = await ResilienceHarness.StartAsync();

        using var response = await harness.PostOrderAsync("status=429;retry-after=7", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([429, 201], harness.Received.Select(r => r.StatusCode));
        var retry = Assert.Single(harness.Driver.Retries);
        Assert.True(retry.HadRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.Delay);
        Assert.Equal([TimeSpan.FromSeconds(7)], harness.ArrivalGaps());
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_measured_with_the_pipeline_clock()
    {
        await using var harness = await ResilienceHarness.StartAsync();

        using var response = await harness.PostOrderAsync("status=429;retry-after=9;retry-after-form=date", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(9), Assert.Single(harness.Driver.Retries).Delay);
        Assert.Equal([TimeSpan.FromSeconds(9)], harness.ArrivalGaps());
    }

    [Fact]
    public async Task Retry_After_is_capped_by_MaxRetryAfter()
    {
        await using var harness = await ResilienceHarness.StartAsync(o => o.MaxRetryAfter = TimeSpan.FromSeconds(20));

        using var response = await harness.PostOrderAsync("status=429;retry-after=300", "status=429;retry-after=300;retry-after-form=date", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)], harness.Driver.Retries.Select(r => r.Delay));
        Assert.Equal([TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)], harness.ArrivalGaps());
    }

    [Fact]
    public async Task A_Retry_After_that_would_outlast_the_total_budget_returns_the_response_instead()
    {
        await using var harness = await ResilienceHarness.StartAsync(o =>
        {
            o.TotalRequestTimeout = TimeSpan.FromSeconds(60);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });

        // 50 s fits the 60 s budget; after them, 30 s more does not.
        using var response = await harness.PostOrderAsync("status=429;retry-after=50", "status=429;retry-after=30", "success");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal([429, 429], harness.Received.Select(r => r.StatusCode));
        Assert.Single(harness.Driver.Retries);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task When_retries_run_out_the_last_response_is_returned()
    {
        await using var harness = await ResilienceHarness.StartAsync(o => o.MaxRetryAttempts = 2);

        using var response = await harness.PostOrderAsync("status=429;retry-after=1", "status=429;retry-after=1", "status=429;retry-after=1", "success");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(3, harness.Received.Count);
        Assert.Equal(2, harness.Driver.Retries.Count);
    }

    [Theory]
    [InlineData("status=403;code=800020", 403, "eligibility")]
    [InlineData("status=400;code=900220", 400, "eligibility")]
    [InlineData("status=409", 409, "conflict")]
    [InlineData("status=403;code=800066", 403, "quota")]
    [InlineData("status=403;code=800089", 403, "quota")]
    [InlineData("status=401", 401, "auth")]
    [InlineData("status=403;code=900150", 403, "auth")]
    [InlineData("status=400", 400, "validation")]
    [InlineData("status=404", 404, "not_found")]
    public async Task Errors_that_retrying_cannot_fix_are_attempted_once(string outcome, int status, string category)
    {
        await using var harness = await ResilienceHarness.StartAsync();

        using var response = await harness.PostOrderAsync(outcome, "success");

        Assert.Equal(status, (int)response.StatusCode);
        var seen = Assert.Single(harness.Received);
        Assert.Equal(category, seen.IntendedCategory?.ToTagValue());
        Assert.Empty(harness.Driver.Retries);
        Assert.Empty(harness.Retries.GetMeasurementSnapshot());
        Assert.True(response.RequestMessage!.TryGetPartnerCenterError(out var error));
        Assert.Equal(category, error.Category.ToTagValue());
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        var attemptTimeout = TimeSpan.FromSeconds(5);
        var hold = TimeSpan.FromMinutes(10);
        await using var harness = await ResilienceHarness.StartAsync(o => o.AttemptTimeout = attemptTimeout, configureSimulator: o => o.TimeoutDelay = hold);

        // When the simulator starts holding the response, the attempt's own timeout is next: move the clock to it.
        harness.Driver.AdvanceOn = timer => timer.DueTime == hold ? attemptTimeout : null;
        using var response = await harness.PostOrderAsync("kind=timeout", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var seen = harness.Received;
        Assert.Equal([0, 201], seen.Select(r => r.StatusCode));
        Assert.Equal("timeout", seen[0].Outcome);
        Assert.Single(seen.Select(r => r.RequestId).Distinct());
        var retry = Assert.Single(harness.Driver.Retries);
        Assert.Equal("TimeoutRejectedException", retry.Exception?.Name);
        Assert.InRange((attemptTimeout + retry.Delay - harness.ArrivalGaps().Single()).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task MS_RequestId_is_the_same_for_every_attempt_of_a_call_and_new_for_each_call()
    {
        await using var harness = await ResilienceHarness.StartAsync();

        using (await harness.PostOrderAsync("kind=html;status=503", "success"))
        using (await harness.PostOrderAsync("status=500;code=800003", "status=429;retry-after=2", "success"))
        {
        }

        var seen = harness.Received;
        Assert.Equal(5, seen.Count);
        Assert.All(seen, r => Assert.True(Guid.TryParse(r.RequestId, out _)));
        Assert.Equal(seen[0].RequestId, seen[1].RequestId);
        Assert.Equal(seen[2].RequestId, seen[3].RequestId);
        Assert.Equal(seen[2].RequestId, seen[4].RequestId);
        Assert.NotEqual(seen[0].RequestId, seen[2].RequestId);
    }

    [Fact]
    public async Task The_apps_own_MS_RequestId_is_kept_on_every_attempt()
    {
        await using var harness = await ResilienceHarness.StartAsync();
        var request = ResilienceHarness.NewOrder();
        request.Headers.Add("MS-RequestId", "3f1e6d0c-0b1a-4c2d-9e8f-7a6b5c4d3e2f");
        harness.Script.Enqueue("kind=empty;status=503", "status=429;retry-after=1", "success");

        using var response = await harness.PostOrderAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, harness.Received.Count);
        Assert.All(harness.Received, r => Assert.Equal("3f1e6d0c-0b1a-4c2d-9e8f-7a6b5c4d3e2f", r.RequestId));
    }
}
