using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Infrastructure;

/// <summary>
/// The same primary handler twice: once bare (what the app would get without us) and once behind our handler with
/// every signal on (spans recorded, metrics collected, logs at Debug). Decompression is on, as apps usually set it.
/// </summary>
internal sealed class InstrumentedClients : IDisposable
{
    private readonly ActivityListener _spans;
    private long _spanCount;

    public InstrumentedClients(Action<PartnerCenterTelemetryOptions>? configure = null, Func<SocketsHttpHandler>? primary = null, TimeProvider? time = null)
    {
        primary ??= static () => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All };
        Harness = new TelemetryHarness(
            services =>
            {
                services.AddHttpClient(TelemetryHarness.ClientName).ConfigurePrimaryHttpMessageHandler(primary);
                if (time is not null)
                {
                    services.AddSingleton(time);
                }
            },
            configure);
        Plain = new HttpClient(primary());
        Instrumented = Harness.CreateClient();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PartnerCenterTelemetryNames.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _spanCount),
        };
        ActivitySource.AddActivityListener(_spans);
    }

    public TelemetryHarness Harness { get; }

    public HttpClient Plain { get; }

    public HttpClient Instrumented { get; }

    public long SpanCount => Interlocked.Read(ref _spanCount);

    public void Dispose()
    {
        _spans.Dispose();
        Plain.Dispose();
        Instrumented.Dispose();
        Harness.Dispose();
    }
}
