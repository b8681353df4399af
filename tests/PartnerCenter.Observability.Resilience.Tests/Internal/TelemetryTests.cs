using System.Diagnostics;
using System.Net;
using PartnerCenter.Observability.Resilience.Tests.Infrastructure;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Resilience.Tests.Internal;

/// <summary>Every attempt is a span under one span for the logical call; every retry is counted.</summary>
public sealed class TelemetryTests
{
    private const string SpanName = "POST " + ResilienceHarness.OrdersOperation;

    [Fact]
    public async Task Each_attempt_is_a_client_span_under_one_internal_span_for_the_call()
    {
        await using var harness = await ResilienceHarness.StartAsync();
        using var spans = new SpanCollector();

        using var response = await harness.PostOrderAsync("kind=html;status=503", "status=429;retry-after=1", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var call = Assert.Single(spans.Ours, s => s.Kind == ActivityKind.Internal);
        var attempts = spans.Ours.Where(s => s.Kind == ActivityKind.Client).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(3, attempts.Count);

        Assert.Equal(SpanName, call.DisplayName);
        Assert.Equal(PartnerCenterTelemetryNames.SourceName, call.Source.Name);
        Assert.DoesNotContain(call.TagObjects, t => t.Key.StartsWith("http.", StringComparison.Ordinal) || t.Key.StartsWith("server.", StringComparison.Ordinal));
        Assert.Equal(ResilienceHarness.OrdersOperation, call.GetTagItem(Names.Operation));
        Assert.Equal(3, call.GetTagItem("partner_center.attempts"));
        Assert.Null(call.GetTagItem(Names.ErrorType));
        Assert.Equal(ActivityStatusCode.Unset, call.Status);

        Assert.All(attempts, a =>
        {
            Assert.Equal(call.SpanId, a.ParentSpanId);
            Assert.Equal(SpanName, a.DisplayName);
            Assert.Equal(call.GetTagItem(Names.RequestId), a.GetTagItem(Names.RequestId));
        });
        Assert.Equal([null, 1, 2], attempts.Select(a => a.GetTagItem(Names.HttpRequestResendCount)));
        Assert.Equal([503, 429, 201], attempts.Select(a => a.GetTagItem(Names.HttpResponseStatusCode)));
        Assert.Equal(harness.Received[0].RequestId, call.GetTagItem(Names.RequestId));
    }

    [Fact]
    public async Task The_call_span_carries_the_final_failure()
    {
        await using var harness = await ResilienceHarness.StartAsync(o => o.MaxRetryAttempts = 2);
        using var spans = new SpanCollector();

        using var response = await harness.PostOrderAsync("status=500;code=800003", "status=500;code=800003", "status=500;code=800003");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var call = Assert.Single(spans.Ours, s => s.Kind == ActivityKind.Internal);
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal("transient", call.GetTagItem(Names.ErrorCategory));
        Assert.Equal("800003", call.GetTagItem(Names.ErrorCode));
        Assert.Equal("800003", call.GetTagItem(Names.ErrorType));
        Assert.Equal(3, call.GetTagItem("partner_center.attempts"));
        Assert.Equal(3, spans.Ours.Count(s => s.Kind == ActivityKind.Client && s.Status == ActivityStatusCode.Error));
    }

    [Fact]
    public async Task A_non_retryable_failure_has_one_attempt_span_and_a_failed_call_span()
    {
        await using var harness = await ResilienceHarness.StartAsync();
        using var spans = new SpanCollector();

        using var response = await harness.PostOrderAsync("status=403;code=800020");

        var call = Assert.Single(spans.Ours, s => s.Kind == ActivityKind.Internal);
        var attempt = Assert.Single(spans.Ours, s => s.Kind == ActivityKind.Client);
        Assert.Equal(call.SpanId, attempt.ParentSpanId);
        Assert.Equal("eligibility", call.GetTagItem(Names.ErrorCategory));
        Assert.Equal("800020", call.GetTagItem(Names.ErrorCode));
        Assert.Equal(false, call.GetTagItem(Names.Retryable));
        Assert.Equal(1, call.GetTagItem("partner_center.attempts"));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
    }

    [Fact]
    public async Task An_attempt_timeout_is_a_transient_timeout_not_a_cancellation()
    {
        var attemptTimeout = TimeSpan.FromSeconds(5);
        var hold = TimeSpan.FromMinutes(10);
        await using var harness = await ResilienceHarness.StartAsync(o => o.AttemptTimeout = attemptTimeout, configureSimulator: o => o.TimeoutDelay = hold);
        harness.Driver.AdvanceOn = timer => timer.DueTime == hold ? attemptTimeout : null;
        using var spans = new SpanCollector();

        using var response = await harness.PostOrderAsync("kind=timeout", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var attempts = spans.Ours.Where(s => s.Kind == ActivityKind.Client).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal("timeout", attempts[0].GetTagItem(Names.ErrorType));
        Assert.Equal("transient", attempts[0].GetTagItem(Names.ErrorCategory));
        Assert.Equal(true, attempts[0].GetTagItem(Names.Retryable));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Equal(1, attempts[1].GetTagItem(Names.HttpRequestResendCount));

        var error = Assert.Single(harness.Errors.GetMeasurementSnapshot());
        Assert.Equal("timeout", error.Tags[Names.ErrorType]);
        Assert.Equal("transient", error.Tags[Names.ErrorCategory]);
        var retry = Assert.Single(harness.Retries.GetMeasurementSnapshot());
        Assert.Equal("transient", retry.Tags[Names.ErrorCategory]);
        Assert.Equal(2, Assert.Single(spans.Ours, s => s.Kind == ActivityKind.Internal).GetTagItem("partner_center.attempts"));
    }

    [Fact]
    public async Task Each_retry_is_counted_by_the_category_and_operation_of_the_attempt_retried()
    {
        await using var harness = await ResilienceHarness.StartAsync();

        using (await harness.PostOrderAsync("kind=html;status=502", "status=429;retry-after=3", "kind=drop", "success"))
        using (await harness.PostOrderAsync("status=403;code=800020"))
        {
        }

        var retries = harness.Retries.GetMeasurementSnapshot();
        Assert.Equal(3, retries.Count);
        Assert.All(retries, m => Assert.Equal(1, m.Value));
        Assert.All(retries, m => Assert.Equal(ResilienceHarness.OrdersOperation, m.Tags[Names.Operation]));
        Assert.Equal(["transient", "quota", "transient"], retries.Select(m => m.Tags[Names.ErrorCategory]));
        Assert.All(retries, m => Assert.Equal(2, m.Tags.Count));

        // Attempts are counted once each by the telemetry handler, whatever the retries: 3 failed attempts, 1 eligibility.
        Assert.Equal(4, harness.Errors.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task A_call_that_runs_out_of_time_budget_fails_with_a_timeout_on_the_call_span()
    {
        await using var harness = await ResilienceHarness.StartAsync(
            o =>
            {
                o.TotalRequestTimeout = TimeSpan.FromSeconds(20);
                o.AttemptTimeout = TimeSpan.FromSeconds(5);
            },
            o => o.Retry.UseJitter = false);
        using var spans = new SpanCollector();
        harness.Script.Enqueue("kind=html;status=503", "kind=html;status=503", "kind=html;status=503", "kind=html;status=503", "success");

        // Delays of 2, 4 and 8 s fit the 20 s budget; the fourth (16 s) does not.
        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => harness.PostOrderAsync());

        Assert.Equal(4, harness.Received.Count);
        var call = Assert.Single(spans.Ours, s => s.Kind == ActivityKind.Internal);
        Assert.Equal("timeout", call.GetTagItem(Names.ErrorType));
        Assert.Equal("transient", call.GetTagItem(Names.ErrorCategory));
        Assert.Equal(4, call.GetTagItem("partner_center.attempts"));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal(4, harness.Retries.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task A_call_cancelled_by_the_caller_is_not_an_error_and_not_retried()
    {
        var hold = TimeSpan.FromMinutes(10);
        await using var harness = await ResilienceHarness.StartAsync(configureSimulator: o => o.TimeoutDelay = hold);
        using var spans = new SpanCollector();
        using var cancel = new CancellationTokenSource();
        harness.Driver.AdvanceOn = timer =>
        {
            if (timer.DueTime == hold)
            {
                cancel.Cancel();
            }

            return null;
        };
        harness.Script.Enqueue("kind=timeout", "success");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Driver.RunAsync(harness.Client.SendAsync(ResilienceHarness.NewOrder(), cancel.Token)));

        Assert.Empty(harness.Driver.Retries);
        Assert.Empty(harness.Retries.GetMeasurementSnapshot());
        Assert.Empty(harness.Errors.GetMeasurementSnapshot());
        Assert.All(spans.Ours, s => Assert.Equal("cancelled", s.GetTagItem(Names.ErrorType)));
        Assert.All(spans.Ours, s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));
        Assert.Equal(2, spans.Ours.Count);
    }
}
