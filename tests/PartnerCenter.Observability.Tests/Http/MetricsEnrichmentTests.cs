using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Telemetry;
using PartnerCenter.Observability.Tests.Infrastructure;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// The callback that adds the operation to the runtime's duration metric is registered for every attempt: the runtime
/// consumes a message's callbacks when it records, so a message sent again needs it again (and never carries it twice).
/// </summary>
public sealed class MetricsEnrichmentTests
{
    [Fact]
    public async Task A_message_sent_twice_through_the_handler_labels_both_runtime_measurements_once()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("{}"));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var instruments = new PartnerCenterInstruments(meters);
        using var runtime = new MetricCollector<double>(meters, "System.Net.Http", "http.client.request.duration");
        var options = new PartnerCenterTelemetryOptions { EnrichHttpClientMetrics = true };
        var state = new PartnerCenterTelemetryState(instruments, new PartnerCenterOperationResolver(new FixedOptions(options)));
        var handler = new PartnerCenterTelemetryHandler(new FixedOptions(options), state, NullLogger.Instance, TimeProvider.System, filterByHost: false)
        {
            InnerHandler = new SocketsHttpHandler { MeterFactory = meters },
        };
        using var invoker = new HttpMessageInvoker(new SendTwice { InnerHandler = handler });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/customers"));

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        var measurements = runtime.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.All(measurements, m => Assert.Equal("/v1/customers", (string?)m.Tags[Names.Operation]));
        Assert.True(request.Options.TryGetValue(PartnerCenterRequestKeys.ResolvedOperation, out var operation));
        Assert.Equal("/v1/customers", operation);
    }

    /// <summary>What a retry layer does: the same message through the inner pipeline again.</summary>
    private sealed class SendTwice : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class FixedOptions(PartnerCenterTelemetryOptions value) : IOptionsMonitor<PartnerCenterTelemetryOptions>
    {
        public PartnerCenterTelemetryOptions CurrentValue => value;

        public PartnerCenterTelemetryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PartnerCenterTelemetryOptions, string?> listener) => null;
    }
}
