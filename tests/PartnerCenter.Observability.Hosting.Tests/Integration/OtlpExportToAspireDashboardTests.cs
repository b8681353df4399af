using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hosting.Tests.Integration;

/// <summary>
/// The real path: an app set up with the one-line <c>AddPartnerCenterTelemetry()</c> exports over OTLP to a real
/// receiver (the Aspire dashboard), and the tags and log properties arrive there.
/// </summary>
// Alone: each host's tracer listens to the Partner Center and runtime sources process-wide, so spans of tests running
// beside these would be exported with theirs.
[Collection(NonParallelTests.Name)]
public sealed class OtlpExportToAspireDashboardTests
{
    private const string CustomerId = "5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11";

    [Fact]
    public async Task Spans_and_logs_arrive_with_partner_center_attributes_and_without_the_customer_id()
    {
        await using var dashboard = await AspireDashboard.StartAsync();
        await using var server = await LoopbackServer.StartErrorAsync(403, """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""");
        var serviceName = "pc-otlp-" + Guid.NewGuid().ToString("N")[..8];

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpGrpcEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["PartnerCenterTelemetry:Hosts:0"] = $"127.0.0.1:{server.BaseAddress.Port}",
        });
        builder.Logging.AddFilter(_ => true);
        builder.AddPartnerCenterTelemetry();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource("System.Net.Http"));
        builder.Services.AddHttpClient<OrdersClient>(c => c.BaseAddress = server.BaseAddress);

        using (var host = builder.Build())
        {
            await host.StartAsync();
            using var response = await host.Services.GetRequiredService<OrdersClient>().CreateOrderAsync(CustomerId);
            Assert.Equal(403, (int)response.StatusCode);
            await host.StopAsync();
        }

        using var spans = await dashboard.WaitForAsync("api/telemetry/spans", d => AspireDashboard.AttributeSets(d).Any(a => a.ContainsKey(Tags.ErrorCode)));
        var ours = Assert.Single(AspireDashboard.AttributeSets(spans), a => a.ContainsKey(Tags.ErrorCode));
        Assert.Equal("800020", ours[Tags.ErrorCode]);
        Assert.Equal("eligibility", ours[Tags.ErrorCategory]);
        Assert.Equal("403", ours[Tags.HttpResponseStatusCode]);
        Assert.Equal("/v1/customers/{customer_id}/orders", ours[Tags.Operation]);
        Assert.Equal("800020", ours[Tags.ErrorType]);

        var runtime = Assert.Single(AspireDashboard.AttributeSets(spans), a => a.ContainsKey("url.full"));
        Assert.EndsWith("/v1/customers/{customer_id}/orders", runtime["url.full"], StringComparison.Ordinal);

        using var logs = await dashboard.WaitForAsync("api/telemetry/logs", d => AspireDashboard.AttributeSets(d).Any(a => a.ContainsKey(Tags.ErrorCode)));
        var failure = Assert.Single(AspireDashboard.AttributeSets(logs), a => a.ContainsKey(Tags.ErrorCode));
        Assert.Equal("800020", failure[Tags.ErrorCode]);
        Assert.Equal("eligibility", failure[Tags.ErrorCategory]);
        Assert.Equal("The catalog item isn't eligible for purchase.", failure[Tags.ErrorDescription]);

        // Neither the spans nor the logs (IHttpClientFactory's included) carry the customer id or the query.
        Assert.DoesNotContain(CustomerId, spans.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(CustomerId, logs.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", logs.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(AspireDashboard.AttributeSets(logs), a => a.Values.Any(v => v?.Contains("/v1/customers/{customer_id}/orders", StringComparison.Ordinal) == true) && !a.ContainsKey(Tags.ErrorCode));
    }

    [Fact]
    public async Task When_the_app_configured_its_own_otlp_exporter_spans_arrive_exactly_once()
    {
        await using var dashboard = await AspireDashboard.StartAsync();
        await using var server = await LoopbackServer.StartErrorAsync(429, """{"code": "429", "description": "Too many requests"}""", headers: r => r.Headers.RetryAfter = "3");
        var serviceName = "pc-own-exporter-" + Guid.NewGuid().ToString("N")[..8];
        var requestId = Guid.NewGuid().ToString();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpGrpcEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = serviceName,
        });
        builder.Services.AddOpenTelemetry().UseOtlpExporter(global::OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, dashboard.OtlpGrpcEndpoint);
        builder.AddPartnerCenterTelemetry(o => o.Hosts.Add($"127.0.0.1:{server.BaseAddress.Port}"));
        builder.Services.AddHttpClient("pc", c => c.BaseAddress = server.BaseAddress);

        using (var host = builder.Build())
        {
            await host.StartAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/invoices");
            request.Headers.Add("MS-RequestId", requestId);
            using var response = await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("pc").SendAsync(request);
            Assert.Equal(429, (int)response.StatusCode);
            await host.StopAsync();
        }

        // The host's tracer listens to the Partner Center source process-wide, so spans of tests running beside this one
        // may arrive too: this call is told apart by its own MS-RequestId.
        bool IsOurs(Dictionary<string, string?> attributes) => attributes.TryGetValue(Tags.RequestId, out var id) && id == requestId;
        using var spans = await dashboard.WaitForAsync("api/telemetry/spans", d => AspireDashboard.AttributeSets(d).Any(IsOurs));
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var settled = await dashboard.WaitForAsync("api/telemetry/spans", _ => true);
        var ours = Assert.Single(AspireDashboard.AttributeSets(settled), IsOurs);
        Assert.Equal("quota", ours[Tags.ErrorCategory]);
        Assert.Equal("3", ours[Tags.RetryAfter]);
    }

    private sealed class OrdersClient(HttpClient http)
    {
        public Task<HttpResponseMessage> CreateOrderAsync(string customerId) =>
            http.PostAsync(new Uri($"v1/customers/{customerId}/orders?filter=secret", UriKind.Relative), new StringContent("{}"));
    }
}
