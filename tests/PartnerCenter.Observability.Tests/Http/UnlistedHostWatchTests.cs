using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Tests.Infrastructure;
using PartnerCenter.Observability.Logging;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// Pointed at a host not in <c>Hosts</c> (the simulator, a proxy), the handler added to every client emits nothing for
/// those calls: it says so once, with the host:port to add, over a real Kestrel server.
/// </summary>
public sealed class UnlistedHostWatchTests
{
    private const string CustomerId = "3f9a2c1e-7b6d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string EventName = "PartnerCenterHostNotInstrumented";

    [Fact]
    public async Task Partner_center_calls_to_an_unlisted_host_log_one_warning_with_the_host_and_port_to_add()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, """{"code": 800020, "description": "x"}""");
        using var harness = new TelemetryHarness(s => s.AddPartnerCenterTelemetry(), explicitClient: false);
        using var client = harness.CreateClient("simulator");

        for (var i = 0; i < 3; i++)
        {
            using (await client.PostAsync(new Uri(server.BaseAddress, $"v1/customers/{CustomerId}/orders?token=abc"), null))
            {
            }
        }

        var warning = Assert.Single(harness.Logs.GetSnapshot(), r => r.Id.Name == EventName);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(PartnerCenterTelemetryNames.SourceName, warning.Category);
        Assert.Contains($"127.0.0.1:{server.BaseAddress.Port} is not in PartnerCenterTelemetry:Hosts", warning.Message, StringComparison.Ordinal);
        Assert.Contains("POST /v1/customers/{customer_id}/orders", warning.Message, StringComparison.Ordinal);
        Assert.Contains("are not measured", warning.Message, StringComparison.Ordinal);
        Assert.Contains("request logs still show them redacted", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CustomerId, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => PartnerCenterLog.IsCallFailed(r.Id)); // skipped indeed
    }

    [Fact]
    public async Task Calls_that_do_not_look_like_partner_center_do_not_warn()
    {
        await using var server = await LoopbackServer.StartErrorAsync(500, "{}");
        using var harness = new TelemetryHarness(s => s.AddPartnerCenterTelemetry(), explicitClient: false);
        using var client = harness.CreateClient("weather");

        using (await client.GetAsync(new Uri(server.BaseAddress, "weatherforecast/today")))
        {
        }

        Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => r.Id.Name == EventName);
    }

    [Fact]
    public async Task With_the_host_listed_nothing_warns_and_the_call_is_instrumented()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, """{"code": 800020, "description": "x"}""");
        using var harness = new TelemetryHarness(s => s.AddPartnerCenterTelemetry(o => o.Hosts.Add(server.BaseAddress.Authority)), explicitClient: false);
        using var client = harness.CreateClient("simulator");

        using (await client.PostAsync(new Uri(server.BaseAddress, $"v1/customers/{CustomerId}/orders"), null))
        {
        }

        Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => r.Id.Name == EventName);
        Assert.Single(harness.Logs.GetSnapshot(), r => PartnerCenterLog.IsCallFailed(r.Id));
    }

    [Fact]
    public async Task Once_a_listed_host_matched_other_hosts_do_not_warn()
    {
        await using var listed = await LoopbackServer.StartErrorAsync(200, "{}");
        await using var other = await LoopbackServer.StartErrorAsync(200, "{}");
        using var harness = new TelemetryHarness(s => s.AddPartnerCenterTelemetry(o => o.Hosts.Add(listed.BaseAddress.Authority)), explicitClient: false);
        using var client = harness.CreateClient("any");

        using (await client.GetAsync(new Uri(listed.BaseAddress, "v1/invoices")))
        {
        }

        using (await client.GetAsync(new Uri(other.BaseAddress, "v1/invoices")))
        {
        }

        Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => r.Id.Name == EventName);
    }
}
