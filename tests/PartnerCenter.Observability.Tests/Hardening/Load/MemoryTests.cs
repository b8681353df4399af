using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Simulator;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Load;

/// <summary>
/// A sustained run against the simulator's mixed scenario with every signal listened to (spans, metrics, failure logs):
/// after a warm-up that fills the bounded caches, the managed heap stays flat. One error response in four is disposed
/// without reading its body, to catch anything the body capture might keep.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class MemoryTests
{
    private readonly ITestOutputHelper _output;

    public MemoryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task The_heap_stays_flat_over_a_sustained_run()
    {
        var warmUp = RunMode.Pick(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
        var duration = RunMode.Pick(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(5));
        await using var simulator = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions
        {
            Seed = 3,
            Scenario = PartnerCenterScenario.Mixed,
            SlowBodyDelay = TimeSpan.FromMilliseconds(20),
            TimeoutDelay = TimeSpan.FromMilliseconds(40),
            MaxRecordedRequests = 1000,
        });

        var logs = new CountingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddHttpClient("pc", client =>
        {
            client.BaseAddress = simulator.BaseAddress;
            client.Timeout = TimeSpan.FromSeconds(30);
        }).AddPartnerCenterTelemetry();
        await using var provider = services.BuildServiceProvider();
        long measurements = 0, spans = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PartnerCenterTelemetryNames.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref measurements));
        meters.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref measurements));
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PartnerCenterTelemetryNames.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref spans),
        };
        ActivitySource.AddActivityListener(activities);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pc");

        long requests = 0;
        using var stop = new CancellationTokenSource();
        var phase = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var random = new Random(500 + worker);
            while (!stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, random.Next(3) switch
                {
                    0 => $"v1/customers/{Guid.NewGuid()}/subscriptions/{Guid.NewGuid()}",
                    1 => $"v1/customers/{Guid.NewGuid()}/orders?page={random.Next()}",
                    _ => $"v2/unknown/{(char)('a' + random.Next(26))}{(char)('a' + random.Next(26))}{(char)('a' + random.Next(26))}/items/{random.Next()}",
                });
                try
                {
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    if ((int)response.StatusCode < 400 || random.Next(4) != 0)
                    {
                        await response.Content.ReadAsByteArrayAsync(stop.Token);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                {
                }

                Interlocked.Increment(ref requests);
            }
        })).ToList();

        await Task.Delay(warmUp);
        var start = GC.GetTotalMemory(forceFullCollection: true);
        var startRequests = Interlocked.Read(ref requests);
        var samples = new List<long>();
        var sampling = Stopwatch.StartNew();
        while (sampling.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            samples.Add(GC.GetTotalMemory(forceFullCollection: false));
        }

        var end = GC.GetTotalMemory(forceFullCollection: true);
        var measured = Interlocked.Read(ref requests) - startRequests;
        await stop.CancelAsync();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        // A check that the load ran, not a speed bound: this machine does about 20,000 requests a second, so a machine
        // 100 times slower still passes. The heap is compared after full collections (live data), never uncollected.
        Assert.True(measured > 1000, $"only {measured} requests in {duration}");
        Assert.True(Interlocked.Read(ref spans) > 0 && Interlocked.Read(ref measurements) > 0 && logs.Count > 0);

        // Generous: a leak of even 100 bytes per request would show as several MiB.
        var growth = end - start;
        Assert.True(growth < 8L * 1024 * 1024, $"the heap grew by {Figures.MiB(growth)} over {measured:N0} requests");
        Figures.Report(_output, "memory", $"{duration.TotalSeconds:0} s sustained after a {warmUp.TotalSeconds:0} s warm-up, 16 workers, {measured:N0} requests ({measured / duration.TotalSeconds:N0}/s): GC heap after a full collection {Figures.MiB(start)} at the start, {Figures.MiB(end)} at the end ({(growth >= 0 ? "+" : "")}{Figures.MiB(growth)}); uncollected samples between {Figures.MiB(samples.Min())} and {Figures.MiB(samples.Max())}; {logs.Count:N0} failure logs");
    }

    /// <summary>Counts failure logs, keeping nothing.</summary>
    private sealed class CountingLoggerProvider : ILoggerProvider, ILogger
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is >= 10 and <= 16) // the failure events (docs/telemetry.md)
            {
                formatter(state, exception);
                Interlocked.Increment(ref _count);
            }
        }

        public void Dispose()
        {
        }
    }
}
