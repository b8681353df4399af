using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Enrichers.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;
using Serilog;
using Serilog.Sinks.OpenTelemetry;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hosting.Tests.Integration;

// The app's own log call, as an app writes it, with a dotted marker name like the contract's.
#pragma warning disable CA1848, CA1727

/// <summary>
/// The real path: Serilog (through Serilog.Sinks.OpenTelemetry) and Microsoft.Extensions.Logging (through the
/// OpenTelemetry logging provider set up by <c>AddPartnerCenterTelemetry()</c>) export over OTLP to a real receiver, the
/// Aspire dashboard, and the Partner Center attributes arrive there under the span tag names.
/// </summary>
public sealed class OtlpLogsToAspireDashboardTests
{
    [Fact]
    public async Task Serilog_events_arrive_through_the_opentelemetry_sink_with_the_partner_center_attributes()
    {
        await using var dashboard = await AspireDashboard.StartAsync();
        var marker = Guid.NewGuid().ToString("N");

        using (var logger = new LoggerConfiguration()
            .Enrich.WithPartnerCenterErrors()
            .WriteTo.OpenTelemetry(
                options =>
                {
                    options.Endpoint = dashboard.OtlpGrpcEndpoint.ToString();
                    options.Protocol = OtlpProtocol.Grpc;
                    options.ResourceAttributes = new Dictionary<string, object> { ["service.name"] = "pc-serilog-" + marker[..8] };
                },
                ignoreEnvironment: true)
            .CreateLogger())
        {
            logger.ForContext("test.marker", marker).Error(new InvalidOperationException("order job failed", Samples.Eligibility()), "Order failed");
        }

        var attributes = await WaitForLogAsync(dashboard, marker);
        AssertPartnerCenterAttributes(attributes);
    }

    [Fact]
    public async Task Microsoft_extensions_logging_records_arrive_through_the_opentelemetry_provider_with_the_partner_center_attributes()
    {
        await using var dashboard = await AspireDashboard.StartAsync();
        var marker = Guid.NewGuid().ToString("N");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpGrpcEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = "pc-mel-" + marker[..8],
        });
        builder.AddPartnerCenterTelemetry();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orders");
            logger.LogError(new AggregateException(Samples.Eligibility()), "Order failed {test.marker}", marker);
            await host.StopAsync();
        }

        var attributes = await WaitForLogAsync(dashboard, marker);
        AssertPartnerCenterAttributes(attributes);
    }

    private static async Task<Dictionary<string, string?>> WaitForLogAsync(AspireDashboard dashboard, string marker)
    {
        using var logs = await dashboard.WaitForAsync("api/telemetry/logs", d => AspireDashboard.AttributeSets(d).Any(a => a.GetValueOrDefault("test.marker") == marker));
        return Assert.Single(AspireDashboard.AttributeSets(logs), a => a.GetValueOrDefault("test.marker") == marker);
    }

    private static void AssertPartnerCenterAttributes(Dictionary<string, string?> attributes)
    {
        Assert.Equal("800020", attributes[Tags.ErrorCode]);
        Assert.Equal("eligibility", attributes[Tags.ErrorCategory]);
        Assert.Equal("false", attributes[Tags.Retryable]);
        Assert.Equal(Samples.Template, attributes[Tags.ErrorDescription]);
        Assert.Equal(Samples.RequestId, attributes[Tags.RequestId]);
        Assert.Equal(Samples.CorrelationId, attributes[Tags.CorrelationId]);
        Assert.Equal("7", attributes[Tags.RetryAfter]);
        Assert.Equal("403", attributes[Tags.HttpResponseStatusCode]);
        Assert.Equal("800020", attributes[Tags.ErrorType]);
        Assert.Equal(Samples.Operation, attributes[Tags.Operation]);
    }
}
