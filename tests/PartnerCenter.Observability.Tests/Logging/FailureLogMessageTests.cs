using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PartnerCenter.Observability.Logging;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Tests.Logging;

/// <summary>
/// The failure events (<c>PartnerCenterCallFailed*</c>, <c>PartnerCenterCallThrottled*</c>) read by a person: one sentence per shape of failure, with no
/// <c>(null)</c> and no status repeated as a code, over a real Kestrel server; every shape keeps the same properties.
/// </summary>
public sealed class FailureLogMessageTests
{
    [Fact]
    public async Task A_throttled_call_reads_as_throttled_with_the_wait_and_carries_retry_after()
    {
        await using var server = await LoopbackServer.StartErrorAsync(429, """{"code": 429, "description": "Rate limit is exceeded. Try again in 7 seconds.", "data": [], "source": "PartnerFD"}""", headers: r => r.Headers.RetryAfter = "7");

        var log = await FailureLogAsync(server, "v1/customers/42/subscriptions");

        Assert.Equal("Partner Center GET /v1/customers/{customer_id}/subscriptions was throttled (HTTP 429, quota); the server asks to wait 7 s", log.Message);
        Assert.Equal(LogLevel.Warning, log.Level);
        var properties = Properties(log);
        Assert.Equal("7", properties[Tags.RetryAfter]);
        Assert.Equal("429", properties[Tags.HttpResponseStatusCode]);
        Assert.Equal("quota", properties[Tags.ErrorCategory]);
        Assert.Equal("Rate limit is exceeded. Try again in {0} seconds.", properties[Tags.ErrorDescription]);
    }

    [Fact]
    public async Task A_throttled_call_without_retry_after_says_so()
    {
        await using var server = await LoopbackServer.StartErrorAsync(429, """{"code": "429", "description": "Too many requests"}""");

        var log = await FailureLogAsync(server, "v1/customers/42/orders");

        Assert.Equal("Partner Center GET /v1/customers/{customer_id}/orders was throttled (HTTP 429, quota); the server sent no Retry-After", log.Message);
        Assert.Null(Properties(log)[Tags.RetryAfter]);
    }

    [Fact]
    public async Task A_retry_after_on_another_status_is_a_property_of_the_failure_log()
    {
        await using var server = await LoopbackServer.StartErrorAsync(503, """{"code": 800003, "description": "Unexpected service error"}""", headers: r => r.Headers.RetryAfter = "30");

        var log = await FailureLogAsync(server, "v1/invoices");

        Assert.Equal("Partner Center GET /v1/invoices failed with HTTP 503, error 800003 (transient): Unexpected service error", log.Message);
        Assert.Equal("30", Properties(log)[Tags.RetryAfter]);
    }

    [Fact]
    public async Task A_catalogued_error_reads_status_code_category_and_template()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""");

        var log = await FailureLogAsync(server, "v1/customers/42/orders");

        Assert.Equal("Partner Center GET /v1/customers/{customer_id}/orders failed with HTTP 403, error 800020 (eligibility): The catalog item isn't eligible for purchase.", log.Message);
        Assert.Equal(LogLevel.Error, log.Level);
    }

    [Theory]
    [InlineData(502, "<html>Bad gateway</html>", "text/html", "Partner Center GET /v1/invoices failed with HTTP 502 (transient)")]
    [InlineData(503, """{"code": "503"}""", "application/json", "Partner Center GET /v1/invoices failed with HTTP 503 (transient)")]
    [InlineData(400, """{"code": 987654}""", "application/json", "Partner Center GET /v1/invoices failed with HTTP 400, error 987654 (validation)")]
    [InlineData(404, """{"description": "No invoice here"}""", "application/json", "Partner Center GET /v1/invoices failed with HTTP 404 (not_found): No invoice here")]
    public async Task Missing_parts_are_left_out_of_the_sentence(int status, string body, string contentType, string expected)
    {
        await using var server = await LoopbackServer.StartErrorAsync(status, body, contentType);

        var log = await FailureLogAsync(server, "v1/invoices");

        Assert.Equal(expected, log.Message);
        Assert.DoesNotContain("(null)", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_failure_reads_as_no_response_with_its_class()
    {
        Uri address;
        await using (var gone = await LoopbackServer.StartErrorAsync(200, "{}"))
        {
            address = gone.BaseAddress; // stopped: nothing listens there any more
        }

        using var harness = new TelemetryHarness();
        using var client = harness.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(address, "v1/invoices"), timeout.Token));

        var log = Assert.Single(harness.LogsAtOrAbove(LogLevel.Information));
        Assert.Equal("Partner Center GET /v1/invoices failed without a response: connection_error (transient)", log.Message);
        Assert.DoesNotContain("(null)", log.Message, StringComparison.Ordinal);
        Assert.Equal(new EventId(16, "PartnerCenterCallFailedWithoutResponse"), log.Id);
        Assert.Null(Properties(log)[Tags.HttpResponseStatusCode]);
    }

    [Fact]
    public async Task Every_shape_carries_the_same_properties_under_an_event_of_its_own()
    {
        await using var throttled = await LoopbackServer.StartErrorAsync(429, "{}", headers: r => r.Headers.RetryAfter = "1");
        await using var failed = await LoopbackServer.StartErrorAsync(403, """{"code": 800020, "description": "x"}""");

        var a = await FailureLogAsync(throttled, "v1/invoices");
        var b = await FailureLogAsync(failed, "v1/invoices");

        Assert.Equal(new EventId(14, "PartnerCenterCallThrottled"), a.Id);
        Assert.Equal(new EventId(10, "PartnerCenterCallFailedWithCode"), b.Id);
        Assert.Equal(
            Properties(a).Keys.Where(k => k != "{OriginalFormat}").Order(StringComparer.Ordinal),
            Properties(b).Keys.Where(k => k != "{OriginalFormat}").Order(StringComparer.Ordinal));
    }

    private static async Task<FakeLogRecord> FailureLogAsync(LoopbackServer server, string path)
    {
        using var harness = new TelemetryHarness();
        using var client = harness.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (await client.GetAsync(new Uri(server.BaseAddress, path), timeout.Token))
        {
        }

        return Assert.Single(harness.LogsAtOrAbove(LogLevel.Information), r => PartnerCenterLog.IsCallFailed(r.Id));
    }

    private static Dictionary<string, string?> Properties(FakeLogRecord log) =>
        log.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
}
