using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>Class 9: an in-memory primary handler's seekable <see cref="StreamContent"/> can still be read twice behind the handler.</summary>
[Collection(NonParallelTests.Name)]
public sealed class StubContentProbeTests
{
    private const string Body = """{"code":800020,"description":"The catalog item isn't eligible for purchase."}""";

    [Fact]
    public async Task A_seekable_stub_content_reads_twice_with_and_without_the_handler()
    {
        using var harness = new TelemetryHarness(services => services.AddHttpClient(TelemetryHarness.ClientName).ConfigurePrimaryHttpMessageHandler(() => new StubHandler()));
        using var plain = new HttpClient(new StubHandler());
        using var instrumented = harness.CreateClient();

        var without = await ReadTwiceAsync(plain);
        var with = await ReadTwiceAsync(instrumented);

        Assert.Equal((Body, Body), without);
        Assert.Equal(without, with);
        Assert.Equal("800020", Assert.Single(harness.Errors.GetMeasurementSnapshot()).Tags[Tags.ErrorCode]);
    }

    private static async Task<(string First, string Second)> ReadTwiceAsync(HttpClient client)
    {
        // Copied twice, as a test helper that logs the body and then asserts on it would (CopyToAsync does not buffer).
        using var response = await client.GetAsync(new Uri("http://partner.example/v1/customers/1/orders"), HttpCompletionOption.ResponseHeadersRead);
        return (await CopyAsync(response.Content), await CopyAsync(response.Content));
    }

    private static async Task<string> CopyAsync(HttpContent content)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return Encoding.UTF8.GetString(copy.ToArray());
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Body)));
            content.Headers.ContentType = new("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = content, RequestMessage = request });
        }
    }
}
