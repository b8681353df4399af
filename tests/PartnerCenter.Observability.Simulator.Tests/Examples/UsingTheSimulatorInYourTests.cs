using System.Net.Http.Json;

namespace PartnerCenter.Observability.Simulator.Tests.Examples;

/// <summary>
/// How to test YOUR Partner Center code against the simulator: start it in-process, point your HttpClient at
/// <see cref="PartnerCenterSimulator.BaseAddress"/>, pick a scenario (or force one request's outcome with the
/// <c>X-Simulator-Outcome</c> header), then assert on what your code did and on what the server saw.
/// <see cref="OrderPlacer"/> below stands for your own code.
/// </summary>
public sealed class UsingTheSimulatorInYourTests
{
    private const string Customer = "v1/customers/0d3a1c2b-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    [Fact]
    public async Task An_ineligible_purchase_is_reported_as_eligibility_and_not_retried()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 42 });
        using var client = new HttpClient(new ForceOutcomes("status=403;code=800020")) { BaseAddress = sim.BaseAddress };
        var placer = new OrderPlacer(client);

        var failure = await Assert.ThrowsAsync<OrderFailedException>(() => placer.PlaceOrderAsync(Customer, "CFQ7TTC0LH18:0001:CFQ7TTC0KQ8W", 5));

        Assert.Equal(PartnerCenterErrorCategory.Eligibility, failure.Category);
        Assert.Equal("800020", failure.Code);
        Assert.Single(sim.ReceivedRequests); // not retried
    }

    [Fact]
    public async Task A_transient_failure_is_retried_with_the_same_MS_RequestId()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 42 });
        using var client = new HttpClient(new ForceOutcomes("kind=html;status=503", "status=429;retry-after=1", "success")) { BaseAddress = sim.BaseAddress };
        var placer = new OrderPlacer(client);

        var orderId = await placer.PlaceOrderAsync(Customer, "CFQ7TTC0LH18:0001:CFQ7TTC0KQ8W", 5);

        Assert.False(string.IsNullOrEmpty(orderId));
        var seen = sim.ReceivedRequests;
        Assert.Equal([503, 429, 201], seen.Select(r => r.StatusCode));
        Assert.Single(seen.Select(r => r.RequestId).Distinct()); // the idempotency key survived the retries
        Assert.Equal(3, seen.Select(r => r.CorrelationId).Distinct().Count()); // a new correlation id per attempt
    }

    [Fact]
    public async Task A_throttle_storm_slows_orders_down_and_they_recover_when_it_passes()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 42 });
        using var client = new HttpClient { BaseAddress = sim.BaseAddress };
        var placer = new OrderPlacer(client, maxAttempts: 1);

        var calm = await placer.CountFailuresAsync(Customer, 30);
        sim.Scenario = PartnerCenterScenario.ThrottleStorm;
        var storm = await placer.CountFailuresAsync(Customer, 30);
        sim.Scenario = PartnerCenterScenario.Healthy;
        var after = await placer.CountFailuresAsync(Customer, 30);

        Assert.False(calm.ContainsKey(PartnerCenterErrorCategory.Quota));
        Assert.True(storm[PartnerCenterErrorCategory.Quota] > 15);
        Assert.False(after.ContainsKey(PartnerCenterErrorCategory.Quota));
        Assert.True(sim.StatusCounts[429] > 15);
    }

    /// <summary>Test plumbing: forces the outcome of successive requests, one header value per request (null: none).</summary>
    private sealed class ForceOutcomes(params string?[] outcomes) : DelegatingHandler(new HttpClientHandler())
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _next) - 1;
            if (index < outcomes.Length && outcomes[index] is { } outcome)
            {
                request.Headers.Remove(PartnerCenterSimulator.OutcomeHeader);
                request.Headers.Add(PartnerCenterSimulator.OutcomeHeader, outcome);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>Your code: places an order, retrying what the classifier calls retryable with the same MS-RequestId.</summary>
internal sealed class OrderPlacer(HttpClient client, int maxAttempts = 3)
{
    public async Task<string> PlaceOrderAsync(string customerPath, string offerId, int quantity)
    {
        var requestId = Guid.NewGuid().ToString(); // one idempotency key for the whole logical call
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, customerPath + "/orders")
            {
                Content = JsonContent.Create(new { lineItems = new[] { new { offerId, quantity } } }),
            };
            request.Headers.Add("MS-RequestId", requestId);
            request.Headers.Add("MS-CorrelationId", Guid.NewGuid().ToString());

            using var response = await client.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                var order = await response.Content.ReadFromJsonAsync<OrderId>();
                return order!.Id;
            }

            var body = await response.Content.ReadAsByteArrayAsync();
            var error = PartnerCenterErrorClassifier.Default.Classify((int)response.StatusCode, body, response.Content.Headers.ContentType?.ToString());
            if (!error.IsRetryable || attempt >= maxAttempts)
            {
                throw new OrderFailedException(error.Category, error.Code);
            }

            // Honour Retry-After (capped for the test's sake), else back off a little.
            var delay = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(10);
            await Task.Delay(delay > TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : delay);
        }
    }

    public async Task<Dictionary<PartnerCenterErrorCategory, int>> CountFailuresAsync(string customerPath, int orders)
    {
        var failures = new Dictionary<PartnerCenterErrorCategory, int>();
        for (var i = 0; i < orders; i++)
        {
            try
            {
                await PlaceOrderAsync(customerPath, "CFQ7TTC0LF8Q:0001:CFQ7TTC0K5GG", 1);
            }
            catch (OrderFailedException ex)
            {
                failures[ex.Category] = failures.GetValueOrDefault(ex.Category) + 1;
            }
        }

        return failures;
    }

    private sealed record OrderId(string Id);
}

internal sealed class OrderFailedException(PartnerCenterErrorCategory category, string? code)
    : Exception($"Partner Center refused the order: {category.ToTagValue()} {code}")
{
    public PartnerCenterErrorCategory Category { get; } = category;

    public string? Code { get; } = code;
}
