using System.Diagnostics;
using PartnerCenter.Observability.Simulator;

namespace PartnerCenter.Observability.Demo;

/// <summary>Starts calls at a steady rate with a realistic mix of Partner Center operations, for the chosen duration.</summary>
internal sealed class TrafficDriver(PartnerCenterClient client, DemoStats stats, DemoOptions options)
{
    private const int MaxInFlight = 64;
    private readonly Random _random = new(options.Seed);
    private readonly Guid[] _customers = [.. Enumerable.Range(0, 8).Select(i => new Guid(i + 1, 0x1234, 0x5678, [1, 2, 3, 4, 5, 6, 7, (byte)i]))];

    public TimeSpan Elapsed => _clock.Elapsed;

    public TimeSpan Duration => options.Duration;

    private readonly Stopwatch _clock = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(MaxInFlight);
        var inFlight = new List<Task>();
        var interval = TimeSpan.FromSeconds(1 / options.Rate);
        var total = (int)Math.Round(options.Duration.TotalSeconds * options.Rate);
        _clock.Start();
        for (var i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            var due = interval * i;
            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var operation = Pick();
            await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            inFlight.Add(CallAsync(operation, gate));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        _clock.Stop();
    }

    private Func<CancellationToken, Task<HttpResponseMessage>> Pick()
    {
        lock (_random)
        {
            var customer = _customers[_random.Next(_customers.Length)];
            var id = new Guid(_random.Next(), 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
            var roll = _random.Next(100);
            return roll switch
            {
                < 12 => ct => client.ListCustomersAsync(ct),
                < 20 => ct => client.GetCustomerAsync(customer, ct),
                < 34 => ct => client.ListSubscriptionsAsync(customer, ct),
                < 44 => ct => client.GetSubscriptionAsync(customer, id, ct),
                < 50 => ct => client.UpdateSubscriptionAsync(customer, id, 5, ct),
                < 62 => ct => client.CreateOrderAsync(customer, "DZH318Z0BQ3Q:0007", 3, ct),
                < 70 => ct => client.CreateCartAsync(customer, ct),
                < 78 => ct => client.CheckoutAsync(customer, id, ct),
                < 86 => ct => client.ListTransfersAsync(customer, ct),
                < 92 => ct => client.CreateProductUpgradeAsync(customer, ct),
                _ => ct => client.ListInvoicesAsync(ct),
            };
        }
    }

    private async Task CallAsync(Func<CancellationToken, Task<HttpResponseMessage>> call, SemaphoreSlim gate)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await call(CancellationToken.None).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                stats.Success(status, seconds);
                return;
            }

            // The telemetry handler attached its classification to the request: no second body read.
            PartnerCenterErrorClassification? classification = response.RequestMessage?.TryGetPartnerCenterError(out var found) == true ? found : null;
            var category = classification?.Category ?? PartnerCenterErrorClassifier.ClassifyStatus(status).Category;
            stats.Failure(status, classification, category.ToTagValue(), seconds);
        }
        catch (TaskCanceledException)
        {
            stats.Timeout(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (HttpRequestException)
        {
            stats.Failure(null, null, PartnerCenterErrorCategory.Transient.ToTagValue(), Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>Names of the simulator scenarios as the demo shows them.</summary>
internal static class ScenarioText
{
    public static string Describe(PartnerCenterScenario scenario) => scenario switch
    {
        PartnerCenterScenario.Healthy => "healthy: a low background of validation and not_found errors",
        PartnerCenterScenario.ThrottleStorm => "throttle-storm: 429s with Retry-After",
        PartnerCenterScenario.Outage => "outage: 5xx, gateway pages, empty and slow bodies, timeouts, dropped connections",
        PartnerCenterScenario.EligibilitySpike => "eligibility-spike: offers and customers that are not eligible",
        PartnerCenterScenario.AuthFailure => "auth-failure: 401s and 403 privilege errors",
        PartnerCenterScenario.Quota => "quota: seat, subscription and asset count limits",
        _ => "mixed: a blend of every scenario",
    };
}
