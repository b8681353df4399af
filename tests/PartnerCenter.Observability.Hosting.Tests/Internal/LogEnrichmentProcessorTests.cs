using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Store.PartnerCenter.Exceptions;
using OpenTelemetry.Logs;
using PartnerCenter.Observability.Enrichers.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hosting.Tests.Internal;

// The tests log the way apps do, with plain message templates, including the dotted names of the telemetry contract.
#pragma warning disable CA1848, CA1727, CA1873

/// <summary>The OpenTelemetry log processor, through Microsoft.Extensions.Logging and the in-memory exporter.</summary>
public sealed class LogEnrichmentProcessorTests
{
    [Fact]
    public void A_partner_center_exception_adds_every_attribute_with_the_span_tag_names()
    {
        var attributes = Log(logger => logger.LogError(Samples.Eligibility(), "Order {OrderId} failed", 42));

        Assert.Equal("800020", attributes["partner_center.error.code"]);
        Assert.Equal("eligibility", attributes["partner_center.error.category"]);
        Assert.Equal(false, attributes["partner_center.retryable"]);
        Assert.Equal(Samples.Template, attributes["partner_center.error.description"]);
        Assert.Equal(Samples.RequestId, attributes["partner_center.request_id"]);
        Assert.Equal(Samples.CorrelationId, attributes["partner_center.correlation_id"]);
        Assert.Equal(7.0, attributes["partner_center.retry_after"]);
        Assert.Equal(403, attributes["http.response.status_code"]);
        Assert.Equal("800020", attributes["error.type"]);
        Assert.Equal(Samples.Operation, attributes["partner_center.operation"]);
        Assert.Equal(42, attributes["OrderId"]);
        Assert.Equal("Order {OrderId} failed", attributes["{OriginalFormat}"]);
    }

    [Fact]
    public void An_http_request_exception_with_a_status_adds_the_status_derived_attributes_only()
    {
        var attributes = Log(logger => logger.LogWarning(new HttpRequestException("429", null, HttpStatusCode.TooManyRequests), "Throttled"));

        Assert.Equal("quota", attributes[Tags.ErrorCategory]);
        Assert.Equal(true, attributes[Tags.Retryable]);
        Assert.Equal(429, attributes[Tags.HttpResponseStatusCode]);
        Assert.Equal("429", attributes[Tags.ErrorType]);
        Assert.False(attributes.ContainsKey(Tags.ErrorCode));
        Assert.False(attributes.ContainsKey(Tags.RequestId));
    }

    [Fact]
    public void The_archived_sdks_exception_in_an_aggregate_is_recognised()
    {
        var sdk = new PartnerException(new ApiFault { ErrorCode = "800020", ErrorMessage = Samples.Template }, new RequestContext(Guid.Parse(Samples.RequestId), Guid.Parse(Samples.CorrelationId)), PartnerErrorCategory.Forbidden);

        var attributes = Log(logger => logger.LogError(new AggregateException(new TimeoutException(), sdk), "Batch failed"));

        Assert.Equal("800020", attributes[Tags.ErrorCode]);
        Assert.Equal("eligibility", attributes[Tags.ErrorCategory]);
        Assert.Equal(403, attributes[Tags.HttpResponseStatusCode]);
        Assert.Equal(Samples.RequestId, attributes[Tags.RequestId]);
        Assert.Equal(Samples.CorrelationId, attributes[Tags.CorrelationId]);
    }

    [Fact]
    public void Odd_exceptions_neither_throw_nor_lose_the_record()
    {
        Assert.Equal("auth", Log(logger => logger.LogError(new Enrichers.Tests.Fakes.Throwing.PartnerException(), "Throwing getters"))[Tags.ErrorCategory]);
        Assert.False(Log(logger => logger.LogError(Samples.Tangle(), "Tangle")).ContainsKey(Tags.ErrorCategory));
        Assert.Equal("800020", Log(logger => logger.LogError(Samples.Tangle(Samples.Eligibility()), "Tangle with an error"))[Tags.ErrorCode]);
        Assert.False(Log(logger => logger.LogError(new Enrichers.Tests.Fakes.Incomplete.PartnerException(HttpStatusCode.Forbidden), "Not the SDK")).ContainsKey(Tags.ErrorCategory));
        Assert.False(Log(logger => logger.LogError(Samples.Wrapped(Samples.Eligibility(), 10_000), "Too deep")).ContainsKey(Tags.ErrorCode));
        Assert.Equal("auth", Log(logger => logger.LogError(new PartnerException(null, null, PartnerErrorCategory.Unauthorized), "Null payload"))[Tags.ErrorCategory]);
    }

    [Fact]
    public void Attributes_the_app_set_are_never_overwritten()
    {
        var attributes = Log(logger => logger.LogError(Samples.Eligibility(), "Failed with {partner_center.error.category} for {partner_center.request_id}", "app-category", "app-request"));

        Assert.Equal("app-category", attributes[Tags.ErrorCategory]);
        Assert.Equal("app-request", attributes[Tags.RequestId]);
        Assert.Equal("800020", attributes[Tags.ErrorCode]);
    }

    [Fact]
    public void A_record_without_an_exception_outside_a_span_is_left_as_it_is()
    {
        Assert.Null(Activity.Current);

        var attributes = Log(logger => logger.LogInformation("All good {Count}", 3));

        Assert.Equal(["Count", "{OriginalFormat}"], attributes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_record_written_inside_a_partner_center_span_gets_its_operation_and_request_id()
    {
        var records = new List<LogRecord>();
        using (var factory = CreateFactory(records))
        {
            var logger = factory.CreateLogger("Orders");
            using (Samples.StartPartnerCenterSpan())
            {
                logger.LogInformation("Inside the span");
            }

            logger.LogInformation("After the span");
        }

        var inside = ToDictionary(records[0]);
        Assert.Equal(Samples.Operation, inside[Tags.Operation]);
        Assert.Equal(Samples.RequestId, inside[Tags.RequestId]);
        Assert.False(ToDictionary(records[1]).ContainsKey(Tags.Operation));
    }

    [Fact]
    public void The_logger_provider_builder_extension_adds_the_processor()
    {
        var records = new List<LogRecord>();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddOpenTelemetry());
        services.AddOpenTelemetry().WithLogging(logging => logging.AddPartnerCenterLogEnrichment().AddInMemoryExporter(records));
        using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Orders").LogError(Samples.Eligibility(), "Order failed");
        }

        Assert.Equal("eligibility", ToDictionary(Assert.Single(records))[Tags.ErrorCategory]);
    }

    [Fact]
    public async Task AddPartnerCenterTelemetry_registers_the_processor()
    {
        var records = new List<LogRecord>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
        builder.AddPartnerCenterTelemetry();
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(records));
        using (var host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orders").LogError(Samples.Eligibility(), "Order failed");
            await host.StopAsync();
        }

        var record = Assert.Single(records, r => r.CategoryName == "Orders");
        Assert.Equal("800020", ToDictionary(record)[Tags.ErrorCode]);
    }

    private static Dictionary<string, object?> Log(Action<ILogger> log)
    {
        var records = new List<LogRecord>();
        using (var factory = CreateFactory(records))
        {
            log(factory.CreateLogger("Orders"));
        }

        return ToDictionary(Assert.Single(records));
    }

    private static ILoggerFactory CreateFactory(List<LogRecord> records) =>
        LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.AddPartnerCenterLogEnrichment();
            options.AddInMemoryExporter(records);
        }));

    // ToDictionary also proves that no attribute name appears twice.
    private static Dictionary<string, object?> ToDictionary(LogRecord record) =>
        (record.Attributes ?? []).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
}
