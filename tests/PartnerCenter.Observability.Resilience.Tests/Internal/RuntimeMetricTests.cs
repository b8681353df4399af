using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PartnerCenter.Observability.Resilience.Tests.Infrastructure;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Resilience.Tests.Internal;

/// <summary>
/// The runtime's <c>http.client.request.duration</c> is measured per attempt: with retries, every attempt's
/// measurement carries <c>partner_center.operation</c>, not only the first.
/// </summary>
public sealed class RuntimeMetricTests
{
    [Theory]
    [InlineData(TelemetrySetup.ClientBeforeResilience)]
    [InlineData(TelemetrySetup.AllClients)]
    public async Task Every_attempt_of_a_retried_call_carries_the_operation_on_the_runtime_metric(TelemetrySetup setup)
    {
        await using var harness = await ResilienceHarness.StartAsync(telemetry: setup);
        using var runtime = new MetricCollector<double>(harness.Services.GetRequiredService<IMeterFactory>(), "System.Net.Http", "http.client.request.duration");

        using var response = await harness.PostOrderAsync("status=503;code=800003", "status=429;retry-after=1", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var measurements = runtime.GetMeasurementSnapshot();
        Assert.Equal([503, 429, 201], measurements.Select(m => Convert.ToInt32(m.Tags["http.response.status_code"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(measurements, m => Assert.Equal(ResilienceHarness.OrdersOperation, m.Tags[Names.Operation]));
    }
}
