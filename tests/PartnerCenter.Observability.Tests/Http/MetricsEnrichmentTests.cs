using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>The callback that adds the operation to the runtime's duration metric is registered once per message.</summary>
public sealed class MetricsEnrichmentTests
{
    [Fact]
    public async Task A_message_sent_twice_through_the_handler_carries_one_enrichment_callback_and_its_operation()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var instruments = new PartnerCenterInstruments(services.GetRequiredService<IMeterFactory>());
        var options = new PartnerCenterTelemetryOptions { EnrichHttpClientMetrics = true };
        var handler = new PartnerCenterTelemetryHandler(new FixedOptions(options), new PartnerCenterTelemetryState(instruments), NullLogger.Instance, TimeProvider.System, filterByHost: false)
        {
            InnerHandler = new Ok(),
        };
        using var invoker = new HttpMessageInvoker(new SendTwice { InnerHandler = handler });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        var callbacks = request.Options.Select(o => o.Value).OfType<List<Action<HttpMetricsEnrichmentContext>>>().ToList();
        Assert.Single(Assert.Single(callbacks));
        Assert.True(request.Options.TryGetValue(PartnerCenterRequestOptions.ResolvedOperation, out var operation));
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

    private sealed class Ok : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
    }

    private sealed class FixedOptions(PartnerCenterTelemetryOptions value) : IOptionsMonitor<PartnerCenterTelemetryOptions>
    {
        public PartnerCenterTelemetryOptions CurrentValue => value;

        public PartnerCenterTelemetryOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PartnerCenterTelemetryOptions, string?> listener) => null;
    }
}
