using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Simulator;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Load;

/// <summary>
/// 64 workers against the simulator's mixed scenario over loopback: every attempt is measured exactly once, every failure
/// counted and logged exactly once, and no response, id or classification is mixed up with another request's.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class ConcurrencyTests
{
    private const int Workers = 64;
    private readonly ITestOutputHelper _output;

    public ConcurrencyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Metrics_logs_and_classifications_match_what_64_concurrent_workers_saw()
    {
        var total = RunMode.Pick(50_000, 500_000);
        await using var simulator = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions
        {
            Seed = 42,
            Scenario = PartnerCenterScenario.Mixed,
            SlowBodyDelay = TimeSpan.FromMilliseconds(30),
            TimeoutDelay = TimeSpan.FromMilliseconds(60),
            MaxRecordedRequests = 1000,
        });

        var logs = new FailureLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddHttpClient("pc", client =>
        {
            client.BaseAddress = simulator.BaseAddress;
            client.Timeout = TimeSpan.FromSeconds(30);
        }).AddPartnerCenterTelemetry();
        await using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, PartnerCenterTelemetryNames.SourceName, PartnerCenterTelemetryNames.RequestDuration);
        using var errors = new MetricCollector<long>(meters, PartnerCenterTelemetryNames.SourceName, PartnerCenterTelemetryNames.Errors);
        long spans = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PartnerCenterTelemetryNames.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref spans),
        };
        ActivitySource.AddActivityListener(listener);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pc");

        var seen = new ConcurrentDictionary<string, (int Status, string? Code, string? Category)>(StringComparer.Ordinal);
        var statusCounts = new ConcurrentDictionary<int, int>();
        var mixUps = new ConcurrentQueue<string>();
        long failed = 0, exceptions = 0, cancelled = 0, next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(1000 + worker);
            long index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var requestId = new Guid((int)index, 0x7e57, 0x4000, [0x80, 0, 0, 0, 0, 0, (byte)worker, 0x42]).ToString();
                using var request = CreateRequest(random, requestId);
                try
                {
                    using var response = await client.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var body = await response.Content.ReadAsByteArrayAsync();
                    statusCounts.AddOrUpdate(status, 1, (_, n) => n + 1);
                    var echoed = response.Headers.TryGetValues("MS-RequestId", out var values) ? values.Single() : null;
                    if (echoed != requestId)
                    {
                        mixUps.Enqueue($"{requestId}: the response echoes MS-RequestId {echoed}");
                    }

                    if (status >= 400)
                    {
                        Interlocked.Increment(ref failed);
                        var expected = PartnerCenterErrorClassifier.Default.Classify(status, body, response.Content.Headers.ContentType?.ToString());
                        if (!request.TryGetPartnerCenterError(out var attached))
                        {
                            mixUps.Enqueue($"{requestId}: no classification attached to a {status}");
                        }
                        else if (attached.StatusCode != status || attached.Code != expected.Code || attached.Category != expected.Category)
                        {
                            mixUps.Enqueue($"{requestId}: attached {attached.StatusCode} {attached.Code} {attached.Category}, the body read says {status} {expected.Code} {expected.Category}");
                        }

                        seen[requestId] = (status, expected.Code, expected.Category.ToTagValue());
                    }
                    else if (request.TryGetPartnerCenterError(out _))
                    {
                        mixUps.Enqueue($"{requestId}: a classification attached to a {status}");
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.Increment(ref exceptions);
                    seen[requestId] = (0, null, "transient");
                }
                catch (TaskCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                }
            }
        }))).WaitAsync(TimeSpan.FromMinutes(RunMode.Pick(3, 15)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Empty(mixUps);

        // Every attempt measured once, the cancelled ones as such; the status is on the error counter only, whose counts
        // per status are exactly the failed statuses the workers saw.
        var measured = durations.GetMeasurementSnapshot();
        Assert.Equal(total, measured.Count);
        Assert.Equal(cancelled, measured.Count(m => Equals(m.Tags.GetValueOrDefault(PartnerCenterTelemetryNames.Tags.ErrorType), PartnerCenterTelemetryNames.Values.Canceled)));
        var countedByStatus = errors.GetMeasurementSnapshot()
            .GroupBy(m => m.Tags.TryGetValue(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode, out var s) ? Convert.ToInt32(s, CultureInfo.InvariantCulture) : 0)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        foreach (var (status, count) in statusCounts.Where(p => p.Key >= 400))
        {
            Assert.Equal(count, countedByStatus.GetValueOrDefault(status));
        }

        Assert.Equal(exceptions, countedByStatus.GetValueOrDefault(0));

        // Every failure (status >= 400 or HttpRequestException; not cancellations) counted once and logged once, under
        // its own request id, with the status and code that request got.
        Assert.Equal(failed, errors.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(failed, logs.Count);
        Assert.Equal(0, logs.Duplicates);
        foreach (var (requestId, (status, code, category)) in seen)
        {
            Assert.True(logs.ByRequestId.TryGetValue(requestId, out var logged), $"no failure log for {requestId}");
            Assert.Equal(status == 0 ? null : status, logged.Status);
            Assert.Equal(code, logged.Code);
            Assert.Equal(category, logged.Category);
        }

        Assert.Equal(total, Interlocked.Read(ref spans));
        var statuses = string.Join(", ", statusCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"));
        Figures.Report(_output, "load held", $"{total:N0} requests by {Workers} workers over loopback (simulator mixed, seed 42) in {elapsed.TotalSeconds:0.0} s ({total / elapsed.TotalSeconds:N0}/s); {failed:N0} failed ({exceptions:N0} exceptions), {cancelled:N0} cancelled; duration measurements {measured.Count:N0} = requests, errors counted {failed:N0} = failures, failure logs {logs.Count:N0} = failures, 0 mix-ups; statuses {statuses}");
    }

    private static HttpRequestMessage CreateRequest(Random random, string requestId)
    {
        var customer = new Guid(random.Next(), 1, 2, [1, 2, 3, 4, 5, 6, 7, (byte)random.Next(256)]);
        HttpRequestMessage request = random.Next(6) switch
        {
            0 => new(HttpMethod.Get, $"v1/customers/{customer}"),
            1 => new(HttpMethod.Get, $"v1/customers/{customer}/subscriptions"),
            2 => new(HttpMethod.Patch, $"v1/customers/{customer}/subscriptions/{Guid.NewGuid()}") { Content = Json("{\"quantity\": 5}") },
            3 => new(HttpMethod.Post, $"v1/customers/{customer}/orders") { Content = Json("{\"lineItems\": [{\"offerId\": \"CFQ7TTC0LH18:0001\", \"quantity\": 1}]}") },
            4 => new(HttpMethod.Get, "v1/invoices"),
            _ => new(HttpMethod.Get, $"v1/customers/{customer}/orders/{random.Next(1_000_000)}"),
        };
        request.Headers.Add("MS-RequestId", requestId);
        request.Headers.Add("MS-CorrelationId", requestId);
        return request;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
