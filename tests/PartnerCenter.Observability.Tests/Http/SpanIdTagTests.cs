using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// The span's id tags are written once at the start (appended, not searched for) and again only when the response
/// carries another id: every tag appears once, with the latest value, and a missing value leaves no tag.
/// </summary>
public sealed class SpanIdTagTests
{
    private const string RequestSide = "11111111-2222-3333-4444-555555555555";
    private const string ResponseSide = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    [Fact]
    public async Task A_request_id_from_the_response_replaces_the_requests_on_the_span_and_each_tag_appears_once()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 200;
            context.Response.Headers["MS-RequestId"] = ResponseSide;
            return Task.CompletedTask;
        });
        using var harness = new TelemetryHarness();
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/customers"));
        request.Headers.Add("MS-RequestId", RequestSide);

        using var response = await client.SendAsync(request);

        var span = Assert.Single(spans.Ours);
        var tags = span.TagObjects.ToList();
        Assert.All(tags.GroupBy(t => t.Key), g => Assert.Single(g));
        Assert.Equal(ResponseSide, span.GetTagItem(Tags.RequestId));
        Assert.True(Guid.TryParse(span.GetTagItem(Tags.CorrelationId) as string, out _));
        Assert.Equal(200, span.GetTagItem(Tags.HttpResponseStatusCode));
        Assert.DoesNotContain(tags, t => t.Value is null);
        Assert.DoesNotContain(tags, t => t.Key == Tags.CorrelationVector);
    }

    [Fact]
    public async Task Ids_the_handler_generated_are_on_the_request_and_the_span_alike()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        using var harness = new TelemetryHarness();
        using var spans = new SpanCollector();
        using var client = harness.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/customers"));

        using var response = await client.SendAsync(request);

        var span = Assert.Single(spans.Ours);
        Assert.Equal(request.Headers.GetValues("MS-RequestId").Single(), span.GetTagItem(Tags.RequestId));
        Assert.Equal(request.Headers.GetValues("MS-CorrelationId").Single(), span.GetTagItem(Tags.CorrelationId));
        Assert.All(span.TagObjects.GroupBy(t => t.Key), g => Assert.Single(g));
    }
}
