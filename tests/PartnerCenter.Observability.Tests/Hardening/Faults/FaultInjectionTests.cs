using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Faults;

/// <summary>
/// Every place where code that is not ours runs inside the instrumentation throws: a MeterListener, an ActivityListener
/// (sampling, start, stop), a log provider (Log, IsEnabled), the options (a throwing IOptionsMonitor, a throwing
/// configure callback) and the user's category overrides. The app sees exactly what it sees without the handler (status,
/// headers, body bytes, exception types), and each fault is reported through the <c>PartnerCenter-Observability</c>
/// EventSource. The listeners are process-wide, so these tests run alone.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class FaultInjectionTests : IClassFixture<FaultServer>
{
    private readonly FaultServer _server;
    private readonly ITestOutputHelper _output;

    public FaultInjectionTests(FaultServer server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
    }

    public enum Fault
    {
        MeterListenerCallback,
        ActivityListenerSample,
        ActivityListenerStarted,
        ActivityListenerStopped,
        LoggerLog,
        LoggerIsEnabled,
        OptionsMonitorCurrentValue,
        ConfigureOptionsCallback,
        CategoryOverridesLookup,
        CategoryOverridesCount,

        /// <summary>At once: the meter listener, the span start and stop, the logger's Log and the overrides lookup.</summary>
        AllAtOnce,
    }

    [Theory]
    [InlineData(Fault.MeterListenerCallback, "metrics")]
    [InlineData(Fault.ActivityListenerSample, "span start")]
    [InlineData(Fault.ActivityListenerStarted, "span start")]
    [InlineData(Fault.ActivityListenerStopped, "span")]
    [InlineData(Fault.LoggerLog, "log")]
    [InlineData(Fault.LoggerIsEnabled, "log")]
    [InlineData(Fault.OptionsMonitorCurrentValue, "options")]
    [InlineData(Fault.ConfigureOptionsCallback, "options")]
    [InlineData(Fault.CategoryOverridesLookup, "response")]
    [InlineData(Fault.CategoryOverridesCount, "response")]
    [InlineData(Fault.AllAtOnce, "metrics,span start,span,log,response")]
    public async Task A_throwing_extension_point_never_changes_what_the_app_sees_and_is_reported(Fault fault, string stage)
    {
        using var events = new FaultEvents();
        using var armed = Arm(fault);
        using var plain = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        using var instrumented = armed.Harness.CreateClient();
        var calls = 0;
        foreach (var path in FaultServer.Paths)
        {
            foreach (var method in (HttpMethod[])[HttpMethod.Get, HttpMethod.Post])
            {
                var address = new Uri(_server.BaseAddress, path);
                var bare = await Observation.OfAsync(plain, address, method);
                var ours = await Observation.OfAsync(instrumented, address, method);
                Assert.True(bare == ours, $"{method} {path} differs with {fault}:\nwithout the handler: {bare}\nwith the handler:    {ours}");
                calls++;
            }
        }

        // A network failure: the same exception, type by type, with the same HttpRequestError.
        var refused = new Uri($"http://127.0.0.1:{ClosedPort()}/v1/invoices");
        Assert.Equal(await Observation.OfAsync(plain, refused), await Observation.OfAsync(instrumented, refused));
        calls++;

        var stages = events.Stages;
        foreach (var expected in stage.Split(','))
        {
            Assert.Contains(expected, stages);
        }

        Figures.Report(_output, "fault survived", $"{fault}: {calls} calls identical to the bare client; {stages.Count} faults reported ({string.Join(", ", stages.Distinct())})");
    }

    [Fact]
    public async Task A_throwing_listener_does_not_stop_the_other_signals()
    {
        using var events = new FaultEvents();
        using var armed = Arm(Fault.LoggerLog);
        using var instrumented = armed.Harness.CreateClient();
        using var response = await instrumented.GetAsync(new Uri(_server.BaseAddress, "v1/customers/c-1/orders/error"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(FaultServer.Error, await response.Content.ReadAsByteArrayAsync());

        // The log provider threw; the metrics, the span and the attached classification are all still there.
        Assert.Single(armed.Harness.Duration.GetMeasurementSnapshot());
        Assert.Equal(1, armed.Harness.Errors.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.True(response.RequestMessage!.TryGetPartnerCenterError(out var error));
        Assert.Equal("800020", error.Code);
        Assert.Contains("log", events.Stages);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Armed Arm(Fault fault)
    {
        var disposables = new List<IDisposable>();
        var all = fault == Fault.AllAtOnce;
        if (all || fault == Fault.MeterListenerCallback)
        {
            var meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == PartnerCenterTelemetryNames.SourceName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            meters.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("meter listener fault"));
            meters.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("meter listener fault"));
            meters.Start();
            disposables.Add(meters);
        }

        if (all || fault is Fault.ActivityListenerSample or Fault.ActivityListenerStarted or Fault.ActivityListenerStopped)
        {
            var activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == PartnerCenterTelemetryNames.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => fault is Fault.ActivityListenerSample ? throw new InvalidOperationException("sampler fault") : ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = _ =>
                {
                    if (all || fault == Fault.ActivityListenerStarted)
                    {
                        throw new InvalidOperationException("listener fault on start");
                    }
                },
                ActivityStopped = _ =>
                {
                    if (all || fault == Fault.ActivityListenerStopped)
                    {
                        throw new InvalidOperationException("listener fault on stop");
                    }
                },
            };
            ActivitySource.AddActivityListener(activities);
            disposables.Add(activities);
        }

        var harness = new TelemetryHarness(
            services =>
            {
                // IHttpClientFactory's own logging handlers are removed: with a throwing log provider they would throw to
                // the app themselves, before and after our handler, with or without it.
                services.AddHttpClient(TelemetryHarness.ClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All })
                    .RemoveAllLoggers();
                if (all || fault is Fault.LoggerLog or Fault.LoggerIsEnabled)
                {
                    services.AddLogging(logging => logging.AddProvider(new ThrowingLoggerProvider(isEnabledThrows: fault == Fault.LoggerIsEnabled)));
                }

                if (fault == Fault.OptionsMonitorCurrentValue)
                {
                    services.AddSingleton<IOptionsMonitor<PartnerCenterTelemetryOptions>, ThrowingOptionsMonitor>();
                }

                if (fault == Fault.ConfigureOptionsCallback)
                {
                    services.Configure<PartnerCenterTelemetryOptions>(_ => throw new InvalidOperationException("configure callback fault"));
                }

                if (all || fault is Fault.CategoryOverridesLookup or Fault.CategoryOverridesCount)
                {
                    // On every options instance: the app-wide ones and the client's own named copy of them.
                    services.PostConfigureAll<PartnerCenterTelemetryOptions>(options =>
                        options.Classification.CategoryOverrides = new ThrowingOverrides(countThrows: fault == Fault.CategoryOverridesCount));
                }
            });
        disposables.Add(harness);
        return new Armed(harness, disposables);
    }

    private sealed class Armed(TelemetryHarness harness, List<IDisposable> disposables) : IDisposable
    {
        public TelemetryHarness Harness { get; } = harness;

        public void Dispose()
        {
            for (var i = disposables.Count - 1; i >= 0; i--)
            {
                disposables[i].Dispose();
            }
        }
    }

    private sealed class ThrowingLoggerProvider(bool isEnabledThrows) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ThrowingLogger(isEnabledThrows);

        public void Dispose()
        {
        }

        private sealed class ThrowingLogger(bool isEnabledThrows) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => isEnabledThrows ? throw new InvalidOperationException("logger IsEnabled fault") : true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                throw new InvalidOperationException("logger fault");
        }
    }

    private sealed class ThrowingOptionsMonitor : IOptionsMonitor<PartnerCenterTelemetryOptions>
    {
        public PartnerCenterTelemetryOptions CurrentValue => throw new InvalidOperationException("options monitor fault");

        public PartnerCenterTelemetryOptions Get(string? name) => throw new InvalidOperationException("options monitor fault");

        public IDisposable? OnChange(Action<PartnerCenterTelemetryOptions, string?> listener) => null;
    }
}
