using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>Builds the handlers under test around an inner handler.</summary>
internal static class HandlerFactory
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public static PartnerCenterTelemetryState State { get; } = new(
        new PartnerCenterInstruments(Services.GetRequiredService<IMeterFactory>()),
        new PartnerCenterOperationResolver(new StaticOptionsMonitor(new PartnerCenterTelemetryOptions())));

    public static DelegatingHandler Ours(HttpMessageHandler inner, bool addRequestIds, ILogger logger, bool attachError = true, bool enrichRuntimeMetrics = false) =>
        new PartnerCenterTelemetryHandler(
            new StaticOptionsMonitor(new PartnerCenterTelemetryOptions { AddRequestIds = addRequestIds, EnrichHttpClientMetrics = enrichRuntimeMetrics, AttachErrorToRequest = attachError }),
            State,
            logger,
            TimeProvider.System,
            filterByHost: false)
        {
            InnerHandler = inner,
        };

    public static ILogger WarningLogger { get; } = new NoOpLogger(LogLevel.Warning);

    public static ILogger LoggingOff { get; } = NullLogger.Instance;

    /// <summary>Listens to our ActivitySource and Meter, as an OpenTelemetry SDK would, doing nothing with the data.</summary>
    public static IDisposable ListenToEverything()
    {
        var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name is PartnerCenterTelemetryNames.SourceName or NaiveHandler.SourceName or PeerHandler.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(activities);
        var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name is PartnerCenterTelemetryNames.SourceName or NaiveHandler.SourceName or PeerHandler.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        meters.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        meters.Start();
        return new Both(activities, meters);
    }

    private sealed class Both(ActivityListener activities, MeterListener meters) : IDisposable
    {
        public void Dispose()
        {
            activities.Dispose();
            meters.Dispose();
        }
    }

    private sealed class StaticOptionsMonitor(PartnerCenterTelemetryOptions value) : IOptionsMonitor<PartnerCenterTelemetryOptions>
    {
        public PartnerCenterTelemetryOptions CurrentValue => value;

        public PartnerCenterTelemetryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PartnerCenterTelemetryOptions, string?> listener) => null;
    }

    private sealed class NoOpLogger(LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}

/// <summary>An in-memory server: returns a fresh response with the given status and body.</summary>
internal sealed class InMemoryHandler(HttpStatusCode status, byte[]? body, bool streamed = false) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = new HttpResponseMessage(status) { RequestMessage = request };
        if (body is not null)
        {
            response.Content = streamed ? new StreamContent(new MemoryStream(body, writable: false)) : new ByteArrayContent(body);
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        return Task.FromResult(response);
    }
}

/// <summary>The floor any handler pays: an async pass-through.</summary>
internal sealed class PassThroughHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
}
