using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Tests.Infrastructure;
using PartnerCenter.Observability.Logging;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// Each handler option changes what it says, through a real client: request ids, the attached classification with
/// nothing listening (the handler's quietest path), and the two failure log levels. Run alone, because the
/// nothing-listening path depends on no other test's listener being alive in the process.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class HandlerOptionsTests
{
    private const string EligibilityBody = """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddRequestIds_decides_whether_requests_without_ids_get_them(bool add)
    {
        string? requestId = null, correlationId = null;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            requestId = context.Request.Headers["MS-RequestId"];
            correlationId = context.Request.Headers["MS-CorrelationId"];
            return Task.CompletedTask;
        });
        using var harness = new TelemetryHarness(configure: o => o.AddRequestIds = add);
        using var client = harness.CreateClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/invoices"));

        Assert.Equal(add, Guid.TryParse(requestId, out _));
        Assert.Equal(add, Guid.TryParse(correlationId, out _));
    }

    [Fact]
    public async Task An_app_that_sets_its_own_request_id_keeps_it()
    {
        string? requestId = null;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            requestId = context.Request.Headers["MS-RequestId"];
            return Task.CompletedTask;
        });
        using var harness = new TelemetryHarness();
        using var client = harness.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/invoices"));
        request.Headers.Add("MS-RequestId", "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");

        using var response = await client.SendAsync(request);

        Assert.Equal("0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", requestId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_nothing_listening_AttachErrorToRequest_decides_whether_the_error_body_is_read_and_classified(bool attach)
    {
        using (var probe = new ActivitySource(PartnerCenterTelemetryNames.SourceName))
        {
            Assert.False(probe.HasListeners(), "another test left a listener on the Partner Center source: this test needs none");
        }

        var body = Encoding.UTF8.GetBytes(EligibilityBody);
        var stream = new CountingStream(body);
        HttpContent? sent = null;
        var services = new ServiceCollection();
        services.AddHttpClient("pc")
            .ConfigurePrimaryHttpMessageHandler(() => new StubHandler(() =>
            {
                sent = new StreamContent(stream);
                sent.Headers.ContentType = new("application/json");
                return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = sent };
            }))
            .AddPartnerCenterTelemetry();
        services.Configure<PartnerCenterTelemetryOptions>(o =>
        {
            // Every signal off: no ids, no runtime metric enrichment; no span or metric listener and no logging provider.
            o.AddRequestIds = false;
            o.EnrichHttpClientMetrics = false;
            o.AttachErrorToRequest = attach;
        });
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pc");

        using var response = await client.GetAsync(new Uri("https://api.partnercenter.microsoft.com/v1/customers/c1/orders"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(attach, response.RequestMessage!.TryGetPartnerCenterError(out var error));
        if (attach)
        {
            Assert.Equal("800020", error.Code);
            Assert.Equal(PartnerCenterErrorCategory.Eligibility, error.Category);
        }
        else
        {
            // Not even read: the app gets the very content the server's handler produced.
            Assert.Same(sent, response.Content);
            Assert.Equal(0, stream.BytesRead);
        }

        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(503, """{"code": 800003, "description": "Unexpected service error"}""", "transient")]
    [InlineData(403, EligibilityBody, "eligibility")]
    public async Task The_failure_log_is_written_at_the_level_its_option_sets(int status, string body, string category)
    {
        await using var server = await LoopbackServer.StartErrorAsync(status, body);
        using var harness = new TelemetryHarness(configure: o =>
        {
            o.TransientAndQuotaLogLevel = LogLevel.Information;
            o.FailureLogLevel = LogLevel.Critical;
        });
        using var client = harness.CreateClient();

        using var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/invoices"));

        var failure = Assert.Single(harness.LogsAtOrAbove(LogLevel.Information), r => PartnerCenterLog.IsCallFailed(r.Id));
        Assert.Equal(category == "transient" ? LogLevel.Information : LogLevel.Critical, failure.Level);
        Assert.Equal(category, failure.StructuredState!.Single(p => p.Key == PartnerCenterTelemetryNames.Tags.ErrorCategory).Value);
    }

    /// <summary>A read-only stream over bytes that counts what was read from it.</summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(base.Read(buffer));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
