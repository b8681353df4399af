using System.Net;
using PartnerCenter.Observability.Simulator.Scenarios;
using PartnerCenter.Observability.Simulator.Tests.Support;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.Simulator.Tests.Recording;

/// <summary>What the server saw: ReceivedRequests, StatusCounts, and the ids a retry keeps.</summary>
public sealed class RecordingTests
{
    [Fact]
    public async Task Each_request_is_recorded_with_its_ids_method_path_and_status()
    {
        var time = new SignallingTimeProvider();
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { TimeProvider = time });
        using var client = SimulatorClient.Create(sim);
        using var request = SimulatorClient.Request(HttpMethod.Patch, "v1/customers/c-1/subscriptions/s-1?x=1", "status=403;code=800067");

        using var response = await client.SendAsync(request);

        var record = Assert.Single(sim.ReceivedRequests);
        Assert.Equal(1, record.Sequence);
        Assert.Equal("PATCH", record.Method);
        Assert.Equal("/v1/customers/c-1/subscriptions/s-1", record.Path);
        Assert.Equal(request.Headers.GetValues("MS-RequestId").Single(), record.RequestId);
        Assert.Equal(request.Headers.GetValues("MS-CorrelationId").Single(), record.CorrelationId);
        Assert.Equal(403, record.StatusCode);
        Assert.Equal("error", record.Outcome);
        Assert.Equal("800067", record.ErrorCode);
        Assert.Equal(PartnerCenterErrorCategory.Quota, record.IntendedCategory);
        Assert.Equal(PartnerCenterScenario.Healthy, record.Scenario);
        Assert.True(record.Forced);
        Assert.Equal(time.GetUtcNow(), record.ReceivedAt);
    }

    [Fact]
    public async Task Retries_that_keep_their_MS_RequestId_are_seen_with_the_same_id()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);
        var requestId = Guid.NewGuid().ToString();

        foreach (var outcome in new[] { "kind=html;status=503", "status=500", "success" })
        {
            using var response = await client.SendAsync(SimulatorClient.Request(HttpMethod.Post, "v1/customers/c1/orders", outcome, requestId));
        }

        var records = sim.ReceivedRequests;
        Assert.Equal([requestId, requestId, requestId], records.Select(r => r.RequestId));
        Assert.Equal([503, 500, 201], records.Select(r => r.StatusCode));
        Assert.Equal(3, records.Select(r => r.CorrelationId).Distinct().Count());
    }

    [Fact]
    public async Task Status_counts_follow_the_responses_and_clearing_forgets_them()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);
        foreach (var outcome in new[] { "success", "success", "status=404", "status=429", "status=429" })
        {
            using var response = await client.SendAsync(SimulatorClient.Get("v1/invoices", outcome));
        }

        Assert.Equal(new Dictionary<int, int> { [200] = 2, [404] = 1, [429] = 2 }, sim.StatusCounts);

        sim.ClearReceivedRequests();
        Assert.Empty(sim.ReceivedRequests);
        Assert.Empty(sim.StatusCounts);

        using var next = await client.SendAsync(SimulatorClient.Get("v1/invoices", "success"));
        Assert.Equal(6, Assert.Single(sim.ReceivedRequests).Sequence);
        Assert.Equal(6, sim.RequestCount);
    }

    [Fact]
    public async Task Only_the_most_recent_requests_are_kept()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { MaxRecordedRequests = 3 });
        using var client = SimulatorClient.Create(sim);
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(SimulatorClient.Get("v1/invoices", "success"));
        }

        Assert.Equal([3L, 4L, 5L], sim.ReceivedRequests.Select(r => r.Sequence));
        Assert.Equal(5, sim.StatusCounts[200]);
    }

    [Fact]
    public async Task Concurrent_requests_get_distinct_sequence_numbers_and_each_follows_the_plan_of_its_scenario()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions
        {
            Seed = 99,
            SlowBodyDelay = TimeSpan.Zero,
            TimeoutDelay = TimeSpan.Zero,
        });
        using var client = SimulatorClient.Create(sim);
        using var flipping = new CancellationTokenSource();
        var flipper = Task.Run(async () =>
        {
            var scenarios = Enum.GetValues<PartnerCenterScenario>();
            for (var i = 0; !flipping.IsCancellationRequested; i++)
            {
                sim.Scenario = scenarios[i % scenarios.Length];
                await Task.Delay(1);
            }
        });

        await Parallel.ForAsync(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            (await SimulatorClient.SendAsync(client, SimulatorClient.Get("v1/customers"))).Response?.Dispose());
        await flipping.CancelAsync();
        await flipper;

        var records = sim.ReceivedRequests;
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.True(records.Select(r => r.Scenario).Distinct().Count() > 1);
        Assert.All(records, r =>
        {
            var planned = PartnerCenterScenarioPlan.Decide(99, r.Scenario, r.Sequence);
            Assert.Equal((planned.Name, planned.StatusCode), (r.Outcome, r.StatusCode));
        });
    }

    [Fact]
    public async Task The_override_header_can_be_switched_off()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { AllowOutcomeOverride = false });
        using var client = SimulatorClient.Create(sim);

        using var response = await client.SendAsync(SimulatorClient.Get("v1/customers", "status=403;code=800020"));

        Assert.Equal(PartnerCenterScenarioPlan.Decide(0, PartnerCenterScenario.Healthy, 1).StatusCode, (int)response.StatusCode);
        Assert.False(Assert.Single(sim.ReceivedRequests).Forced);
    }

    [Fact]
    public async Task An_unreadable_override_is_a_400_that_says_why()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);

        using var response = await client.SendAsync(SimulatorClient.Get("v1/customers", "status=banana"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("status=banana", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("invalid-override", Assert.Single(sim.ReceivedRequests).Outcome);
    }
}
