using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Enrichers.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Errors;

/// <summary><c>EnsurePartnerCenterSuccessAsync</c> over a real HttpClient and Kestrel, with and without the telemetry handler.</summary>
public sealed class EnsurePartnerCenterSuccessTests
{
    private const string CustomerId = "5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11";
    private const string EligibilityBody = """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""";
    private static readonly Uri OrdersPath = new($"v1/customers/{CustomerId}/orders?token=secret", UriKind.Relative);

    [Fact]
    public async Task Without_the_handler_the_body_is_read_classified_and_still_readable()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, EligibilityBody, headers: h =>
        {
            h.Headers["MS-RequestId"] = Samples.RequestId;
            h.Headers["MS-CorrelationId"] = Samples.CorrelationId;
            h.Headers.RetryAfter = "12";
        });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await client.PostAsync(OrdersPath, new StringContent("{}"));

        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(403, error.Classification.StatusCode);
        Assert.Equal("800020", error.Code);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, error.Category);
        Assert.False(error.IsRetryable);
        Assert.Equal(Samples.Template, error.Description);
        Assert.Equal(Samples.RequestId, error.RequestId);
        Assert.Equal(Samples.CorrelationId, error.CorrelationId);
        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
        Assert.Equal("POST", error.Method);
        Assert.Equal("/v1/customers/{customer_id}/orders", error.Operation);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, error.Classification.Payload);
        Assert.Equal(EligibilityBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_message_holds_the_operation_template_and_never_ids_urls_or_the_raw_description()
    {
        var body = $$"""{"code": 123456, "description": "Customer {{CustomerId}} of partner@contoso.com exceeded the seat limit"}""";
        await using var server = await LoopbackServer.StartErrorAsync(403, body, headers: h => h.Headers["MS-RequestId"] = Samples.RequestId);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await client.PostAsync(OrdersPath, new StringContent("{}"));

        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync());

        Assert.Equal(PartnerCenterErrorCategory.Quota, error.Category);
        Assert.Contains("POST /v1/customers/{customer_id}/orders", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 403, code 123456 (quota, not retryable)", error.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { CustomerId, "partner@contoso.com", Samples.RequestId, "secret", "127.0.0.1", server.BaseAddress.Port.ToString(CultureInfo.InvariantCulture) })
        {
            Assert.DoesNotContain(secret, error.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_the_handler_its_classification_is_used_and_the_body_is_not_read_again()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, EligibilityBody);
        var network = CountingHandler.Primary();
        var caller = new CountingHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("pc", c => c.BaseAddress = server.BaseAddress)
            .AddHttpMessageHandler(() => caller)
            .AddPartnerCenterTelemetry()
            .ConfigurePrimaryHttpMessageHandler(() => network);

        // An override only the handler knows: the category proves whose classification the exception carries.
        services.Configure<PartnerCenterTelemetryOptions>(o => o.Classification.CategoryOverrides["800020"] = PartnerCenterErrorCategory.Quota);
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pc");

        using var response = await PostStreamingAsync(client);
        var fromNetwork = network.Last!;
        var toCaller = Assert.IsType<CountingHandler.CountingContent>(response.Content);
        Assert.Equal(1, fromNetwork.Opened);
        Assert.Equal(Encoding.UTF8.GetByteCount(EligibilityBody), fromNetwork.BytesRead);
        Assert.Equal(0, toCaller.Opened);

        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync());

        Assert.Equal(PartnerCenterErrorCategory.Quota, error.Category);
        Assert.Equal(PartnerCenterClassificationSource.Override, error.Classification.Source);

        // Not a byte read: the content the caller holds was never opened, the network stream not opened again.
        Assert.Equal(0, toCaller.Opened);
        Assert.Same(toCaller, response.Content);
        Assert.Equal(1, fromNetwork.Opened);

        // The handler added the ids to the request; the server echoed none: they come from the request.
        Assert.Equal(response.RequestMessage!.Headers.GetValues("MS-RequestId").Single(), error.RequestId);
        Assert.NotNull(error.CorrelationId);
        Assert.Equal("/v1/customers/{customer_id}/orders", error.Operation);

        // The caller still reads the body, from what the handler kept.
        Assert.Equal(EligibilityBody, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, toCaller.Opened);
        Assert.Equal(1, fromNetwork.Opened);
    }

    [Fact]
    public async Task Without_the_handler_the_body_is_read_once_in_part_and_the_caller_gets_all_of_it()
    {
        var body = "{\"code\": 800020, \"description\": \"" + new string('x', 200_000) + "\"}";
        await using var server = await LoopbackServer.StartErrorAsync(403, body);
        var network = CountingHandler.Primary();
        using var client = new HttpClient(network) { BaseAddress = server.BaseAddress };
        using var response = await PostStreamingAsync(client);

        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync());

        var counting = network.Last!;
        Assert.Equal(PartnerCenterPayloadOutcome.Truncated, error.Classification.Payload);
        Assert.Equal("800020", error.Code);
        Assert.Equal(1, counting.Opened);
        Assert.InRange(counting.BytesRead, 1, new PartnerCenterClassificationOptions().MaxBodyBytes + 1);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, counting.Opened);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), counting.BytesRead);
    }

    [Fact]
    public async Task A_gateway_html_page_is_classified_by_status_and_left_readable()
    {
        const string page = "<html><body>Bad gateway</body></html>";
        await using var server = await LoopbackServer.StartErrorAsync(502, page, "text/html");
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync(new Uri("v1/invoices", UriKind.Relative));

        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync());

        Assert.Equal(PartnerCenterErrorCategory.Transient, error.Category);
        Assert.True(error.IsRetryable);
        Assert.Null(error.Code);
        Assert.Equal(PartnerCenterPayloadOutcome.NotJson, error.Classification.Payload);
        Assert.Equal("GET", error.Method);
        Assert.Equal("/v1/invoices", error.Operation);
        Assert.Equal(page, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Retry_after_in_http_date_form_is_read()
    {
        // The server sends a date 30 s after the moment it answers; the exception's wait is that date minus the moment
        // it was read. Both moments are taken around the call, so the window holds however slow the machine is.
        var date = DateTimeOffset.MinValue;
        await using var server = await LoopbackServer.StartErrorAsync(429, """{"code": "429", "description": "Too many requests"}""", headers: h =>
        {
            date = DateTimeOffset.UtcNow.AddSeconds(30);
            h.Headers.RetryAfter = date.ToString("R", CultureInfo.InvariantCulture);
        });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync(new Uri("v1/invoices", UriKind.Relative));

        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync());
        var read = DateTimeOffset.UtcNow;

        Assert.Equal(PartnerCenterErrorCategory.Quota, error.Category);
        Assert.True(error.IsRetryable);

        // The HTTP date has whole seconds (up to 1 s lost); it was read between the answer and now.
        Assert.InRange(error.RetryAfter!.Value, date.AddSeconds(-1) - read, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_success_returns_the_same_response_with_its_content_untouched()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("""{"id": "order-1"}"""));
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync(new Uri("v1/invoices", UriKind.Relative));
        var content = response.Content;

        Assert.Same(response, await response.EnsurePartnerCenterSuccessAsync());
        Assert.Same(content, response.Content);
        Assert.Equal("""{"id": "order-1"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_in_memory_response_without_a_request_is_classified_in_place()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"code": 600010, "description": "Not found"}""", Encoding.UTF8, "application/json") };
        var content = response.Content;

        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync());

        Assert.Equal(PartnerCenterErrorCategory.NotFound, error.Category);
        Assert.Null(error.Operation);
        Assert.Null(error.RequestId);
        Assert.Same(content, response.Content);
    }

    [Fact]
    public async Task A_cancelled_token_throws_operation_cancelled()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, EligibilityBody);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var response = await client.GetAsync(new Uri("v1/invoices", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await response.EnsurePartnerCenterSuccessAsync(new CancellationToken(canceled: true)));
    }

    [Fact]
    public void The_exception_is_an_http_request_exception_with_the_status()
    {
        HttpRequestException error = Samples.Eligibility();

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.StartsWith("Partner Center call POST /v1/customers/{customer_id}/orders failed: HTTP 403, code 800020 (eligibility, not retryable): ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A POST whose response body is left on the network (no buffering by HttpClient), as a streaming caller does.</summary>
    private static Task<HttpResponseMessage> PostStreamingAsync(HttpClient client) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, OrdersPath) { Content = new StringContent("{}") }, HttpCompletionOption.ResponseHeadersRead);
}
