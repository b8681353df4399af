using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Testing;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Tests.Http;

public sealed class HandlerErrorTests
{
    private const string EligibilityBody = """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""";

    [Fact]
    public async Task An_eligibility_error_gets_a_span_metrics_one_log_and_the_untouched_body()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, EligibilityBody, headers: r =>
        {
            r.Headers["MS-CV"] = "tul4NUsfs0Cl7mOf.1";
        });
        using var harness = new TelemetryHarness();
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders?x=secret"));
        request.Headers.Add("MS-RequestId", "11111111-2222-3333-4444-555555555555");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal(EligibilityBody, body);

        var span = spans.Single();
        Assert.Equal("POST /v1/customers/{customer_id}/orders", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("POST", span.GetTagItem(Tags.HttpRequestMethod));
        Assert.Equal(403, span.GetTagItem(Tags.HttpResponseStatusCode));
        Assert.Equal("127.0.0.1", span.GetTagItem(Tags.ServerAddress));
        Assert.Equal("/v1/customers/{customer_id}/orders", span.GetTagItem(Tags.Operation));
        Assert.Equal("800020", span.GetTagItem(Tags.ErrorCode));
        Assert.Equal("eligibility", span.GetTagItem(Tags.ErrorCategory));
        Assert.Equal(false, span.GetTagItem(Tags.Retryable));
        Assert.Equal("800020", span.GetTagItem(Tags.ErrorType));
        Assert.Equal("11111111-2222-3333-4444-555555555555", span.GetTagItem(Tags.RequestId));
        Assert.NotNull(span.GetTagItem(Tags.CorrelationId));
        Assert.Equal("tul4NUsfs0Cl7mOf.1", span.GetTagItem(Tags.CorrelationVector));

        // The runtime's own HTTP span is a child of ours.
        var runtime = Assert.Single(spans.Runtime);
        Assert.Equal(span.SpanId, runtime.ParentSpanId);

        var duration = Assert.Single(harness.Duration.GetMeasurementSnapshot());
        Assert.True(duration.Value > 0);
        Assert.Equal("POST", duration.Tags[Tags.HttpRequestMethod]);
        Assert.Equal("/v1/customers/{customer_id}/orders", duration.Tags[Tags.Operation]);
        Assert.Equal("eligibility", duration.Tags[Tags.ErrorCategory]);

        // Status, code and the code's error.type multiply the buckets: they are on the error counter only.
        Assert.Equal(3, duration.Tags.Count);

        var error = Assert.Single(harness.Errors.GetMeasurementSnapshot());
        Assert.Equal(1, error.Value);
        Assert.False(error.Tags.ContainsKey(Tags.HttpRequestMethod));
        Assert.Equal(5, error.Tags.Count);
        Assert.Equal(403, error.Tags[Tags.HttpResponseStatusCode]);
        Assert.Equal("/v1/customers/{customer_id}/orders", error.Tags[Tags.Operation]);
        Assert.Equal("eligibility", error.Tags[Tags.ErrorCategory]);
        Assert.Equal("800020", error.Tags[Tags.ErrorCode]);
        Assert.Equal("800020", error.Tags[Tags.ErrorType]);

        var log = Assert.Single(harness.LogsAtOrAbove(LogLevel.Information));
        Assert.Equal(LogLevel.Error, log.Level);
        var properties = log.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("800020", properties[Tags.ErrorCode]);
        Assert.Equal("eligibility", properties[Tags.ErrorCategory]);
        Assert.Equal("403", properties[Tags.HttpResponseStatusCode]);
        Assert.Equal("/v1/customers/{customer_id}/orders", properties[Tags.Operation]);
        Assert.Equal("The catalog item isn't eligible for purchase.", properties[Tags.ErrorDescription]);
        Assert.Equal("11111111-2222-3333-4444-555555555555", properties[Tags.RequestId]);
        Assert.DoesNotContain("secret", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("5c7b6c43", log.Message, StringComparison.Ordinal);

        // The classified error is attached to the request for code that throws its own exception.
        Assert.True(request.TryGetPartnerCenterError(out var attached));
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, attached.Category);
    }

    [Fact]
    public async Task A_throttled_call_records_retry_after_in_both_forms_and_logs_a_warning()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var useDate = false;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = useDate ? time.GetUtcNow().AddSeconds(30).ToString("R") : "7";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"code": "429", "description": "Too many requests"}""");
        });
        using var harness = new TelemetryHarness(s => s.AddSingleton<TimeProvider>(time));
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();

        using (await client.GetAsync(new Uri(server.BaseAddress, "v1/customers/abc/subscriptions")))
        {
        }

        useDate = true;
        using (await client.GetAsync(new Uri(server.BaseAddress, "v1/customers/abc/subscriptions")))
        {
        }

        Assert.Equal([7.0, 30.0], spans.Ours.Select(s => (double)s.GetTagItem(Tags.RetryAfter)!));
        Assert.All(spans.Ours, s => Assert.Equal(true, s.GetTagItem(Tags.Retryable)));
        Assert.All(spans.Ours, s => Assert.Equal("quota", s.GetTagItem(Tags.ErrorCategory)));
        Assert.Equal([7.0, 30.0], harness.RetryAfter.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.All(harness.LogsAtOrAbove(LogLevel.Information), l => Assert.Equal(LogLevel.Warning, l.Level));
        Assert.Equal(2, harness.LogsAtOrAbove(LogLevel.Information).Count);
    }

    public static TheoryData<string, int, string, string, string, string?, PartnerCenterErrorCategory> BadBodies => new()
    {
        // name, status, content type, body, expected error.type, expected code, category
        { "empty", 503, "application/json", "", "503", null, PartnerCenterErrorCategory.Transient },
        { "html gateway page", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", "502", null, PartnerCenterErrorCategory.Transient },
        { "truncated json", 403, "application/json", """{"code": 800067, "description": "The desired seat""", "800067", "800067", PartnerCenterErrorCategory.Quota },
        { "huge json", 400, "application/json", "{\"data\": \"" + new string('x', 1024 * 1024) + "\", \"code\": 800002}", "400", null, PartnerCenterErrorCategory.Validation },
        // Words the fallback knows but cannot place: unknown, not the status's guess of auth (docs/error-categories.md).
        { "unknown code", 403, "application/json", """{"code": 987654, "description": "Something we never saw"}""", "987654", "987654", PartnerCenterErrorCategory.Unknown },
        { "nested form", 401, "application/json", """{"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired."}}""", "{token}", "{token}", PartnerCenterErrorCategory.Auth },
        { "plain text", 500, "text/plain", "oops", "500", null, PartnerCenterErrorCategory.Transient },
        { "no content type", 404, "", """{"code": 20003, "description": "Subscription with ID 1 not found."}""", "20003", "20003", PartnerCenterErrorCategory.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Every_bad_body_gets_its_documented_outcome_and_reaches_the_caller_unchanged(
        string name, int status, string contentType, string body, string errorType, string? code, PartnerCenterErrorCategory category)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            if (contentType.Length > 0)
            {
                context.Response.ContentType = contentType;
            }

            await context.Response.WriteAsync(body);
        });
        using var harness = new TelemetryHarness();
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/customers/abc/orders"));
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.True(Encoding.UTF8.GetBytes(body).AsSpan().SequenceEqual(received), $"{name}: body changed");
        var span = spans.Single();
        Assert.Equal(errorType, span.GetTagItem(Tags.ErrorType));
        Assert.Equal(code, span.GetTagItem(Tags.ErrorCode));
        Assert.Equal(category.ToTagValue(), span.GetTagItem(Tags.ErrorCategory));
        Assert.Equal(1, harness.Errors.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task A_stalled_error_body_is_given_up_at_the_time_limit_of_the_given_clock_and_the_caller_still_gets_all_of_it()
    {
        var limit = TimeSpan.FromMilliseconds(200);
        var time = new SignallingTimeProvider();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 503;
            context.Response.ContentType = "application/json";

            // Headers and the first part go out in one write, so the client has them together; then the body stalls.
            await context.Response.WriteAsync("""{"code": 800003, "descr""");
            await context.Response.Body.FlushAsync();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await context.Response.WriteAsync("""iption": "Unexpected service error"}""");
        });
        using var harness = new TelemetryHarness(services => services.AddSingleton<TimeProvider>(time), o => o.BodyReadTimeout = limit);
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();

        var sending = client.GetAsync(new Uri(server.BaseAddress, "v1/invoices"), HttpCompletionOption.ResponseHeadersRead);

        // The handler waits for the rest of the body on the clock it was given, for exactly the limit. The fake clock
        // moves only when the test moves it, so the limit is checked on both sides without any real-time bound.
        Assert.Equal(limit, await time.WaitForTimerAsync());
        time.Advance(limit - TimeSpan.FromTicks(1));
        Assert.False(sending.IsCompleted, "the handler gave up before its limit");
        time.Advance(TimeSpan.FromTicks(1));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(30));

        // The handler returned before the server finished, having classified the part it read.
        var span = spans.Single();
        Assert.Equal("800003", span.GetTagItem(Tags.ErrorCode));
        Assert.Equal("transient", span.GetTagItem(Tags.ErrorCategory));

        release.SetResult();
        var body = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("""{"code": 800003, "description": "Unexpected service error"}""", body);
    }

    [Fact]
    public async Task Uncataloged_codes_collapse_to_other_past_the_per_operation_cap()
    {
        var next = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"code": {{700000 + Interlocked.Increment(ref next)}}}""");
        });
        using var harness = new TelemetryHarness(configure: o => o.MaxUncatalogedCodesPerOperation = 3);
        using var client = harness.CreateClient();

        for (var i = 0; i < 6; i++)
        {
            using var _ = await client.GetAsync(new Uri(server.BaseAddress, "v1/invoices"));
        }

        var codes = harness.Errors.GetMeasurementSnapshot().Select(m => (string)m.Tags[Tags.ErrorCode]!).ToList();
        Assert.Equal(["700001", "700002", "700003", "other", "other", "other"], codes);
        Assert.Equal(codes, harness.Errors.GetMeasurementSnapshot().Select(m => (string)m.Tags[Tags.ErrorType]!));
    }
}
