using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Tests.Discovery;

/// <summary>
/// The unknown-code discovery event and counter, through a real HttpClient over loopback Kestrel. Each harness is its
/// own service provider, with its own set of pairs seen.
/// </summary>
public sealed class UncatalogedCodeDiscoveryTests
{
    private const string EventName = "PartnerCenterUncatalogedCode";

    [Fact]
    public async Task The_first_sighting_of_a_pair_logs_one_event_and_counts_once()
    {
        const string body = """{"code": 971301, "description": "Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 has too many widgets"}""";
        await using var bad = await LoopbackServer.StartErrorAsync(400, body);
        await using var forbidden = await LoopbackServer.StartErrorAsync(403, body);
        using var harness = new TelemetryHarness();
        using var discovered = Collector(harness);
        using var client = harness.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(new Uri(bad.BaseAddress, "v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders"));
        }

        var log = Assert.Single(Events(harness));
        var properties = log.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("400", properties[Tags.HttpResponseStatusCode]);
        Assert.Equal("971301", properties[Tags.ErrorCode]);
        Assert.Equal("/v1/customers/{customer_id}/orders", properties[Tags.Operation]);
        Assert.Equal("quota", properties[Tags.ErrorCategory]);
        Assert.DoesNotContain("5c7b6c43", properties[Tags.ErrorDescription], StringComparison.Ordinal);
        Assert.Contains("has too many", properties[Tags.ErrorDescription], StringComparison.Ordinal);
        Assert.DoesNotContain("5c7b6c43", log.Message, StringComparison.Ordinal);

        var count = Assert.Single(discovered.GetMeasurementSnapshot());
        Assert.Equal(1, count.Value);
        Assert.Equal(400, count.Tags[Tags.HttpResponseStatusCode]);
        Assert.Equal("/v1/customers/{customer_id}/orders", count.Tags[Tags.Operation]);
        Assert.Equal(2, count.Tags.Count);

        // The same code at another status is another pair.
        using (await client.GetAsync(new Uri(forbidden.BaseAddress, "v1/invoices")))
        {
        }

        Assert.Equal(2, Events(harness).Count);
        Assert.Equal(2, discovered.GetMeasurementSnapshot().Count);
    }

    [Theory]
    [InlineData(403, """{"code": 800020, "description": "x"}""", false)]                      // catalogued (status, code)
    [InlineData(400, """{"code": 800020, "description": "x"}""", true)]                       // catalogued only at 403: the code alone decided
    [InlineData(418, """{"code": "418", "description": "x"}""", false)]                      // the code only repeats the status
    [InlineData(400, """{"description": "no code at all"}""", false)]
    [InlineData(400, """{"code": "97 13 02", "description": "not a plain code"}""", false)]
    [InlineData(400, """{"code": 971303, "description": "Etag is no longer valid"}""", true)] // the template matched, the code is still new
    public async Task Only_uncataloged_plain_codes_are_discovered(int status, string body, bool expected)
    {
        await using var server = await LoopbackServer.StartErrorAsync(status, body);
        using var harness = new TelemetryHarness();
        using var client = harness.CreateClient();
        using var discovered = Collector(harness);

        using (await client.GetAsync(new Uri(server.BaseAddress, "v1/customers/1/carts")))
        {
        }

        Assert.Equal(expected ? 1 : 0, Events(harness).Count);
        Assert.Equal(expected ? 1 : 0, discovered.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task A_template_matched_description_goes_out_in_template_form()
    {
        const string body = """{"code": 971304, "description": "Subscription 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 cannot be migrated to New Commerce because the status is not active."}""";
        await using var server = await LoopbackServer.StartErrorAsync(400, body);
        using var harness = new TelemetryHarness();
        using var client = harness.CreateClient();

        using (await client.GetAsync(new Uri(server.BaseAddress, "v1/customers/1/subscriptions")))
        {
        }

        var log = Assert.Single(Events(harness));
        var properties = log.StructuredState!.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("Subscription {0} cannot be migrated to New Commerce because the status is not active.", properties[Tags.ErrorDescription]);
        Assert.Equal("eligibility", properties[Tags.ErrorCategory]);
    }

    private static MetricCollector<long> Collector(TelemetryHarness harness) =>
        new(harness.Services.GetRequiredService<IMeterFactory>(), PartnerCenterTelemetryNames.SourceName, PartnerCenterTelemetryNames.UncatalogedCodes);

    private static List<FakeLogRecord> Events(TelemetryHarness harness) =>
        [.. harness.Logs.GetSnapshot().Where(r => r.Id.Name == EventName)];
}
