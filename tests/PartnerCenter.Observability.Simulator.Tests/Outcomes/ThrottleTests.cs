using System.Net;
using PartnerCenter.Observability.Simulator.Scenarios;
using PartnerCenter.Observability.Simulator.Tests.Support;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.Simulator.Tests.Outcomes;

/// <summary>429s carry Retry-After in seconds and as an HTTP date that follows the simulator's clock.</summary>
public sealed class ThrottleTests
{
    [Fact]
    public async Task A_throttle_storm_sends_Retry_After_in_seconds_and_as_an_HTTP_date()
    {
        var time = new SignallingTimeProvider();
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions
        {
            Seed = 11,
            Scenario = PartnerCenterScenario.ThrottleStorm,
            TimeProvider = time,
        });
        using var client = SimulatorClient.Create(sim);

        int seconds = 0, dates = 0;
        for (var i = 0; i < 60; i++)
        {
            using var response = await client.SendAsync(SimulatorClient.Get("v1/customers/c1/orders"));
            var sequence = sim.RequestCount;
            var planned = PartnerCenterScenarioPlan.Decide(11, PartnerCenterScenario.ThrottleStorm, sequence);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                Assert.Null(response.Headers.RetryAfter);
                continue;
            }

            var retryAfter = Assert.IsType<System.Net.Http.Headers.RetryConditionHeaderValue>(response.Headers.RetryAfter);
            if (sequence % 2 == 0)
            {
                seconds++;
                Assert.Equal(TimeSpan.FromSeconds(planned.RetryAfterSeconds), retryAfter.Delta);
                Assert.Null(retryAfter.Date);
            }
            else
            {
                dates++;
                Assert.Null(retryAfter.Delta);
                Assert.Equal(time.GetUtcNow().AddSeconds(planned.RetryAfterSeconds), retryAfter.Date);
            }

            var body = await response.Content.ReadAsByteArrayAsync();
            var classified = PartnerCenterErrorClassifier.Default.Classify(429, body, response.Content.Headers.ContentType?.ToString());
            Assert.Equal(PartnerCenterErrorCategory.Quota, classified.Category);
            Assert.True(classified.IsRetryable);

            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(seconds > 10, $"{seconds} Retry-After in seconds");
        Assert.True(dates > 10, $"{dates} Retry-After as HTTP dates");
    }

    [Theory]
    [InlineData("status=429;retry-after=7", "7")]
    [InlineData("status=429;retry-after=7;retry-after-form=date", "Tue, 01 Jan 2030 09:00:07 GMT")]
    public async Task A_forced_429_sends_the_requested_Retry_After(string outcome, string expected)
    {
        var time = new SignallingTimeProvider();
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { TimeProvider = time });
        using var client = SimulatorClient.Create(sim);

        using var response = await client.SendAsync(SimulatorClient.Get("v1/customers", outcome));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(expected, Assert.Single(response.Headers.GetValues("Retry-After")));
    }

    [Fact]
    public async Task An_HTTP_date_is_rounded_up_to_a_whole_second()
    {
        var time = new SignallingTimeProvider();
        time.Advance(TimeSpan.FromMilliseconds(250));
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { TimeProvider = time });
        using var client = SimulatorClient.Create(sim);

        using var response = await client.SendAsync(SimulatorClient.Get("v1/customers", "status=429;retry-after=2;retry-after-form=date"));

        Assert.Equal(new DateTimeOffset(2030, 1, 1, 9, 0, 3, TimeSpan.Zero), response.Headers.RetryAfter?.Date);
    }
}
