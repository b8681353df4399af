using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Tests.Http;

public sealed class HandlerSuccessAndHygieneTests
{
    [Fact]
    public async Task A_success_has_no_error_tags_no_error_count_and_no_log_above_debug()
    {
        await using var server = await LoopbackServer.StartErrorAsync(200, """{"totalCount": 0, "items": []}""");
        using var harness = new TelemetryHarness();
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/subscriptions/abc"));
        Assert.Equal("""{"totalCount": 0, "items": []}""", await response.Content.ReadAsStringAsync());

        var span = spans.Single();
        Assert.Equal("GET /v1/customers/{customer_id}/subscriptions/{subscription_id}", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(200, span.GetTagItem(Tags.HttpResponseStatusCode));
        Assert.DoesNotContain(span.TagObjects, t => t.Key.StartsWith("error.", StringComparison.Ordinal) || t.Key.StartsWith("partner_center.error", StringComparison.Ordinal));

        // Method and operation only: no status (it would multiply the buckets; the error counter carries it).
        var duration = Assert.Single(harness.Duration.GetMeasurementSnapshot());
        Assert.Equal("GET", duration.Tags[Tags.HttpRequestMethod]);
        Assert.Equal("/v1/customers/{customer_id}/subscriptions/{subscription_id}", duration.Tags[Tags.Operation]);
        Assert.Equal(2, duration.Tags.Count);
        Assert.Empty(harness.Errors.GetMeasurementSnapshot());
        Assert.Empty(harness.LogsAtOrAbove(LogLevel.Information));
        Assert.Single(harness.Logs.GetSnapshot(), l => l.Level == LogLevel.Debug && l.Category == PartnerCenterTelemetryNames.SourceName);
    }

    [Fact]
    public async Task A_success_stream_is_not_buffered()
    {
        var firstChunkRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("first,");
            await context.Response.Body.FlushAsync();
            await firstChunkRead.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await context.Response.WriteAsync("second");
        });
        using var harness = new TelemetryHarness();
        using var client = harness.CreateClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/invoices"), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[6];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("first,", System.Text.Encoding.ASCII.GetString(buffer));

        firstChunkRead.SetResult();
        using var reader = new StreamReader(stream);
        Assert.Equal("second", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task Request_ids_are_added_when_missing_and_kept_when_set()
    {
        var seen = new List<(string? RequestId, string? CorrelationId)>();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            lock (seen)
            {
                seen.Add((context.Request.Headers["MS-RequestId"], context.Request.Headers["MS-CorrelationId"]));
            }

            return Task.CompletedTask;
        });
        using var harness = new TelemetryHarness();
        using var client = harness.CreateClient();

        using (await client.GetAsync(new Uri(server.BaseAddress, "v1/invoices")))
        {
        }

        using var mine = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/invoices"));
        mine.Headers.Add("MS-RequestId", "my-request-id");
        mine.Headers.Add("MS-CorrelationId", "my-correlation-id");
        using (await client.SendAsync(mine))
        {
        }

        Assert.True(Guid.TryParse(seen[0].RequestId, out _));
        Assert.True(Guid.TryParse(seen[0].CorrelationId, out _));
        Assert.Equal(("my-request-id", "my-correlation-id"), seen[1]);
    }

    [Fact]
    public async Task A_network_failure_is_transient_and_the_exception_reaches_the_caller_unchanged()
    {
        using var harness = new TelemetryHarness();
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();
        var closedPort = GetClosedPort();

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{closedPort}/v1/invoices")));
        Assert.Equal(HttpRequestError.ConnectionError, exception.HttpRequestError);

        var span = spans.Single();
        Assert.Equal("connection_error", span.GetTagItem(Tags.ErrorType));
        Assert.Equal("transient", span.GetTagItem(Tags.ErrorCategory));
        Assert.Null(span.GetTagItem(Tags.HttpResponseStatusCode));
        var error = Assert.Single(harness.Errors.GetMeasurementSnapshot());
        Assert.Equal("connection_error", error.Tags[Tags.ErrorType]);
        Assert.Equal(LogLevel.Warning, Assert.Single(harness.LogsAtOrAbove(LogLevel.Information)).Level);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_tagged_but_not_counted_as_an_error()
    {
        await using var server = await LoopbackServer.StartAsync(async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        using var harness = new TelemetryHarness();
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(new Uri(server.BaseAddress, "v1/invoices"), cts.Token));

        var span = spans.Single();
        Assert.Equal("cancelled", span.GetTagItem(Tags.ErrorType));
        Assert.Null(span.GetTagItem(Tags.ErrorCategory));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        Assert.Empty(harness.Errors.GetMeasurementSnapshot());
        Assert.Equal("cancelled", Assert.Single(harness.Duration.GetMeasurementSnapshot()).Tags[Tags.ErrorType]);
        Assert.Empty(harness.LogsAtOrAbove(LogLevel.Information));
    }

    [Fact]
    public async Task The_runtime_http_metric_gets_the_operation_tag_and_an_option_turns_it_off()
    {
        await using var server = await LoopbackServer.StartErrorAsync(200, "{}");
        foreach (var enabled in new[] { true, false })
        {
            using var harness = new TelemetryHarness(configure: o => o.EnrichHttpClientMetrics = enabled);
            using var client = harness.CreateClient();
            using (await client.GetAsync(new Uri(server.BaseAddress, "v1/customers/42/carts/7/checkout")))
            {
            }

            var runtime = Assert.Single(harness.RuntimeDuration.GetMeasurementSnapshot());
            Assert.Equal(enabled ? "/v1/customers/{customer_id}/carts/{cart_id}/checkout" : null, runtime.Tags.GetValueOrDefault(Tags.Operation));
        }
    }

    [Fact]
    public async Task Added_to_every_client_it_instruments_only_partner_center_hosts()
    {
        await using var server = await LoopbackServer.StartErrorAsync(200, "{}");
        using var harness = new TelemetryHarness(
            s => s.AddPartnerCenterTelemetry(o => o.Hosts.Add($"127.0.0.1:{server.BaseAddress.Port}")),
            explicitClient: false);
        using var spans = new SpanCollector();
        using var client = harness.CreateClient("any");

        using (await client.GetAsync(new Uri(server.BaseAddress, "v1/invoices")))
        {
        }

        using (await client.GetAsync(new Uri($"http://localhost:{server.BaseAddress.Port}/v1/invoices")))
        {
        }

        var span = spans.Single();
        Assert.Equal("127.0.0.1", span.GetTagItem(Tags.ServerAddress));
        Assert.Single(harness.Duration.GetMeasurementSnapshot());
    }

    [Fact]
    public void Bad_options_fail_at_startup_with_a_clear_message()
    {
        using var harness = new TelemetryHarness(configure: o =>
        {
            o.BodyReadTimeout = TimeSpan.Zero;
            o.MaxOperations = 0;
            o.RouteTemplates.Add("no-leading-slash");
        });

        var error = Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<PartnerCenterTelemetryOptions>>().Value);
        Assert.Contains("BodyReadTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxOperations", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-leading-slash", error.Message, StringComparison.Ordinal);
    }

    private static int GetClosedPort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
