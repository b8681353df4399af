using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PartnerCenter.Observability.Simulator.Tests.Support;

namespace PartnerCenter.Observability.Simulator.Tests.Hosting;

/// <summary>Scenarios change while the server runs; the control routes; the options.</summary>
public sealed class ScenarioSwitchTests
{
    [Fact]
    public async Task A_run_goes_from_healthy_to_a_throttle_storm_and_back()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 42 });
        using var client = SimulatorClient.Create(sim);

        var healthy = await ThrottledShareAsync(client, 100);
        sim.Scenario = PartnerCenterScenario.ThrottleStorm;
        var storm = await ThrottledShareAsync(client, 100);
        sim.Scenario = PartnerCenterScenario.Healthy;
        var after = await ThrottledShareAsync(client, 100);

        Assert.Equal(0, healthy);
        Assert.InRange(storm, 0.65, 0.95);
        Assert.Equal(0, after);
        Assert.Equal(
            [.. Enumerable.Repeat(PartnerCenterScenario.Healthy, 100), .. Enumerable.Repeat(PartnerCenterScenario.ThrottleStorm, 100), .. Enumerable.Repeat(PartnerCenterScenario.Healthy, 100)],
            sim.ReceivedRequests.Select(r => r.Scenario));

        static async Task<double> ThrottledShareAsync(HttpClient client, int count)
        {
            var throttled = 0;
            for (var i = 0; i < count; i++)
            {
                using var response = await client.SendAsync(SimulatorClient.Get("v1/customers/c1/subscriptions"));
                throttled += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
            }

            return (double)throttled / count;
        }
    }

    [Fact]
    public async Task The_control_route_switches_the_scenario_and_is_not_recorded()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 8 });
        using var client = SimulatorClient.Create(sim);

        using var put = await client.PutAsync(new Uri("_simulator/scenario/eligibility-spike", UriKind.Relative), null);
        using var get = await client.GetAsync(new Uri("_simulator/scenario", UriKind.Relative));
        using var bad = await client.PutAsync(new Uri("_simulator/scenario/sunny", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(PartnerCenterScenario.EligibilitySpike, sim.Scenario);
        using var state = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        Assert.Equal("eligibility-spike", state.RootElement.GetProperty("scenario").GetString());
        Assert.Equal(8, state.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("throttle-storm", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(sim.ReceivedRequests);
        Assert.Equal(0, sim.RequestCount);
    }

    [Fact]
    public async Task It_listens_on_loopback_on_the_port_it_is_given()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Port = port });

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), sim.BaseAddress);
        Assert.Contains("127.0.0.1", sim.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_fails_to_start()
    {
        await using var first = await PartnerCenterSimulator.StartAsync();

        await Assert.ThrowsAsync<IOException>(() => PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Port = first.BaseAddress.Port }));
    }

    [Fact]
    public async Task Options_out_of_range_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Port = 70_000 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { SlowBodyDelay = TimeSpan.FromSeconds(-1) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { TimeoutDelay = TimeSpan.FromSeconds(-1) }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { MaxRecordedRequests = -1 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Scenario = (PartnerCenterScenario)99 }));

        await using var sim = await PartnerCenterSimulator.StartAsync();
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Scenario = (PartnerCenterScenario)99);
    }
}
