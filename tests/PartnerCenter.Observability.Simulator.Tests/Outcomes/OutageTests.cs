using System.Diagnostics;
using System.Net;
using PartnerCenter.Observability.Simulator.Tests.Support;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.Simulator.Tests.Outcomes;

/// <summary>Gateway pages, empty bodies, dropped connections, slow bodies and held responses, on a fake clock.</summary>
public sealed class OutageTests
{
    [Theory]
    [InlineData(502, "502 Bad Gateway")]
    [InlineData(503, "503 Service Unavailable")]
    [InlineData(504, "504 Gateway Timeout")]
    public async Task Gateway_errors_answer_with_an_HTML_page(int status, string title)
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);

        using var response = await client.SendAsync(SimulatorClient.Get("v1/customers", $"kind=html;status={status}"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{title}</title>", html, StringComparison.Ordinal);
        var classified = PartnerCenterErrorClassifier.Default.Classify(status, await response.Content.ReadAsByteArrayAsync(), "text/html; charset=utf-8");
        Assert.Equal(PartnerCenterErrorCategory.Transient, classified.Category);
        Assert.Equal(PartnerCenterPayloadOutcome.NotJson, classified.Payload);
    }

    [Fact]
    public async Task An_empty_body_is_empty()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);

        using var response = await client.SendAsync(SimulatorClient.Get("v1/customers", "empty"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.Equal(PartnerCenterPayloadOutcome.Empty, PartnerCenterErrorClassifier.Default.Classify(503, [], "application/json").Payload);
    }

    [Fact]
    public async Task A_dropped_connection_surfaces_as_HttpRequestException()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(SimulatorClient.Get("v1/customers/c1/orders", "kind=drop")));

        // .NET may retry once on a fresh connection; the simulator saw every attempt, and sent no status.
        var records = sim.ReceivedRequests;
        Assert.InRange(records.Count, 1, 2);
        Assert.All(records, r => Assert.Equal(("dropped", 0), (r.Outcome, r.StatusCode)));
        Assert.Empty(sim.StatusCounts);
    }

    [Fact]
    public async Task A_slow_body_stalls_until_the_clock_moves_on()
    {
        var time = new SignallingTimeProvider();
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { TimeProvider = time, SlowBodyDelay = TimeSpan.FromSeconds(30) });
        using var client = SimulatorClient.Create(sim);

        using var response = await client.SendAsync(SimulatorClient.Get("v1/customers", "slow"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var length = (int)response.Content.Headers.ContentLength!.Value;
        await using var stream = await response.Content.ReadAsStreamAsync();

        // The first half arrives at once.
        var body = new byte[length];
        var read = 0;
        while (read < length / 2)
        {
            read += await stream.ReadAsync(body.AsMemory(read));
        }

        Assert.Equal(length / 2, read);
        Assert.Equal(TimeSpan.FromSeconds(30), await time.WaitForTimerAsync());
        var stalledAt = time.GetUtcNow();
        var rest = stream.ReadAsync(body.AsMemory(read)).AsTask();

        // When the rest arrives, read on the fake clock (no real sleep): only the simulator's 30 s timer may release it.
        var arrivedAt = rest.ContinueWith(_ => time.GetUtcNow(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Assert.False(rest.IsCompleted, "the body went on before the clock moved");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(rest.IsCompleted, "the body went on before the delay was over");

        time.Advance(TimeSpan.FromSeconds(1));
        read += await rest.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(stalledAt + TimeSpan.FromSeconds(30), await arrivedAt);
        while (read < length)
        {
            read += await stream.ReadAsync(body.AsMemory(read));
        }

        var classified = PartnerCenterErrorClassifier.Default.Classify(500, body, "application/json");
        Assert.Equal("800003", classified.Code);
        Assert.Equal(PartnerCenterErrorCategory.Transient, classified.Category);
    }

    [Fact]
    public async Task A_timeout_holds_the_response_until_the_clock_moves_on_then_sends_a_504_page()
    {
        var time = new SignallingTimeProvider();
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { TimeProvider = time, TimeoutDelay = TimeSpan.FromMinutes(2) });
        using var client = SimulatorClient.Create(sim);

        var pending = client.SendAsync(SimulatorClient.Get("v1/customers/c1/carts/k1", "timeout"));
        Assert.Equal(TimeSpan.FromMinutes(2), await time.WaitForTimerAsync());
        var heldAt = time.GetUtcNow();

        // When the response arrives, read on the fake clock (no real sleep): only the 2 min timer may release it.
        var answeredAt = pending.ContinueWith(_ => time.GetUtcNow(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Assert.False(pending.IsCompleted);
        Assert.Equal(("timeout", 0), (sim.ReceivedRequests[0].Outcome, sim.ReceivedRequests[0].StatusCode));

        time.Advance(TimeSpan.FromSeconds(119));
        Assert.False(pending.IsCompleted, "the response went out before the delay was over");
        time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(heldAt + TimeSpan.FromMinutes(2), await answeredAt);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(504, sim.ReceivedRequests[0].StatusCode);
    }

    [Fact]
    public async Task A_client_that_gives_up_on_a_held_response_gets_a_cancellation_and_the_record_shows_no_status()
    {
        var time = new SignallingTimeProvider();
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { TimeProvider = time });
        using var client = SimulatorClient.Create(sim);
        using var giveUp = new CancellationTokenSource();

        var pending = client.SendAsync(SimulatorClient.Get("v1/customers", "timeout"), giveUp.Token);
        await time.WaitForTimerAsync(); // the server is holding the response
        await giveUp.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => pending);

        var record = Assert.Single(sim.ReceivedRequests);
        Assert.Equal(("timeout", 0, PartnerCenterErrorCategory.Transient), (record.Outcome, record.StatusCode, record.IntendedCategory));
    }

    [Fact]
    public async Task Stopping_the_simulator_ends_held_responses_at_once()
    {
        // Relative, not absolute: the same stop, once with nothing in flight (the baseline, measured in this run on this
        // machine) and once with a response held on a clock that never moves. A simulator that waited for its held
        // responses would add Kestrel's whole shutdown timeout (5 s, fixed in the simulator) to the baseline; ending them
        // at once adds an abort. The 2.5 s margin sits halfway, and a loaded machine slows both stops alike.
        var idle = await TimeStopAsync(holdOne: false);
        var holding = await TimeStopAsync(holdOne: true);

        Assert.True(holding < idle + TimeSpan.FromSeconds(2.5), $"stopping with a held response took {holding}, an idle stop {idle}");
    }

    private static async Task<TimeSpan> TimeStopAsync(bool holdOne)
    {
        var time = new SignallingTimeProvider();
        var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { TimeProvider = time, TimeoutDelay = TimeSpan.FromHours(1) });
        using var client = SimulatorClient.Create(sim);
        Task<HttpResponseMessage>? pending = null;
        if (holdOne)
        {
            pending = client.SendAsync(SimulatorClient.Get("v1/customers", "timeout"));
            await time.WaitForTimerAsync(); // the server is holding the response (bounded wait)
        }
        else
        {
            using var warm = await client.SendAsync(SimulatorClient.Get("v1/customers", "success")).WaitAsync(TimeSpan.FromSeconds(30));
        }

        var stopwatch = Stopwatch.StartNew();
        await sim.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        var elapsed = stopwatch.Elapsed;
        if (pending is not null)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => pending.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        await sim.DisposeAsync(); // twice is fine
        return elapsed;
    }
}
