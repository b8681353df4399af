using PartnerCenter.Observability.Simulator.Scenarios;
using PartnerCenter.Observability.Simulator.Tests.Support;

namespace PartnerCenter.Observability.Simulator.Tests.Scenarios;

/// <summary>
/// A few hundred real requests per scenario over loopback: the server does exactly what the plan says for each sequence
/// number, the mix is the documented one within ±6 percentage points (about 2.5 standard deviations at 400 requests),
/// and every error response classifies to the category the scenario intended.
/// </summary>
public sealed class ScenarioMixHttpTests
{
    private const int Requests = 400;
    private const int Seed = 42;

    [Theory]
    [MemberData(nameof(DocumentedMix.Scenarios), MemberType = typeof(DocumentedMix))]
    public async Task The_server_follows_the_plan_and_the_documented_mix(PartnerCenterScenario scenario)
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions
        {
            Seed = Seed,
            Scenario = scenario,
            SlowBodyDelay = TimeSpan.Zero,
            TimeoutDelay = TimeSpan.Zero,
        });
        using var client = SimulatorClient.Create(sim);

        var received = new List<SimulatorClient.Received>();
        for (var i = 0; i < Requests; i++)
        {
            received.Add(await SimulatorClient.SendAsync(client, SimulatorClient.Get($"v1/customers/{Guid.NewGuid()}/subscriptions")));
        }

        var records = sim.ReceivedRequests;

        // .NET retries a request once when a reused connection closes before any response byte, so a dropped
        // connection can show up as two server-side requests: compare what the server did, sequence by sequence.
        Assert.True(records.Count >= Requests);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        foreach (var record in records)
        {
            var planned = PartnerCenterScenarioPlan.Decide(Seed, scenario, record.Sequence);
            Assert.Equal(planned.Name, record.Outcome);
            Assert.Equal(planned.StatusCode, record.StatusCode);
            Assert.Equal(planned.Code, record.ErrorCode);
            Assert.Equal(planned.Category, record.IntendedCategory);
            Assert.Equal(scenario, record.Scenario);
            Assert.False(record.Forced);
        }

        var shares = DocumentedMix.Shares(scenario, records, (group, record) => group.Matches(record));
        DocumentedMix.AssertWithin(scenario, shares, tolerance: 6);

        // Every error body the client got classifies to the category the server meant.
        var byRequestId = records.GroupBy(r => r.RequestId!).ToDictionary(g => g.Key, g => g.Last());
        foreach (var response in received)
        {
            var record = byRequestId[response.RequestId];
            if (response.Error is not null)
            {
                Assert.Equal("dropped", record.Outcome);
                Assert.Equal(PartnerCenterErrorCategory.Transient, record.IntendedCategory);
                continue;
            }

            Assert.Equal(record.StatusCode, response.Status);
            if (response.Status >= 400)
            {
                var classified = PartnerCenterErrorClassifier.Default.Classify(response.Status, response.Body, response.ContentType);
                Assert.True(record.IntendedCategory == classified.Category, $"{record}: classified {classified.Category} ({classified.Reason})");
            }
            else
            {
                Assert.Null(record.IntendedCategory);
            }

            response.Response!.Dispose();
        }

        Assert.Equal(records.Count(r => r.StatusCode != 0), sim.StatusCounts.Values.Sum());
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_statuses_and_another_seed_does_not()
    {
        var first = await StatusesAsync(seed: 7);
        var second = await StatusesAsync(seed: 7);
        var other = await StatusesAsync(seed: 8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(Enumerable.Range(1, 150).Select(i => PartnerCenterScenarioPlan.Decide(7, PartnerCenterScenario.Mixed, i).StatusCode), first);

        static async Task<List<int>> StatusesAsync(int seed)
        {
            await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions
            {
                Seed = seed,
                Scenario = PartnerCenterScenario.Mixed,
                SlowBodyDelay = TimeSpan.Zero,
                TimeoutDelay = TimeSpan.Zero,
            });
            using var client = SimulatorClient.Create(sim);
            for (var i = 0; i < 150; i++)
            {
                var request = SimulatorClient.Get("v1/invoices");
                request.Headers.ConnectionClose = true; // a fresh connection each time: no automatic retry after a drop
                (await SimulatorClient.SendAsync(client, request)).Response?.Dispose();
            }

            return [.. sim.ReceivedRequests.Select(r => r.StatusCode)];
        }
    }
}
