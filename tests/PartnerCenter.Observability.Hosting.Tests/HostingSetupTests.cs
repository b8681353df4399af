using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hosting.Tests;

// Alone: the export-order test's host listens to the Partner Center source process-wide, as other tests' hosts do.
[Collection(NonParallelTests.Name)]
public sealed class HostingSetupTests
{
    [Fact]
    public void The_configuration_section_is_bound()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerCenterTelemetry:Hosts:0"] = "127.0.0.1:5005",
            ["PartnerCenterTelemetry:BodyReadTimeout"] = "00:00:05",
            ["PartnerCenterTelemetry:Classification:MaxBodyBytes"] = "4096",
            ["PartnerCenterTelemetry:Classification:CategoryOverrides:800067"] = "Eligibility",
        });
        builder.AddPartnerCenterTelemetry();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<PartnerCenterTelemetryOptions>>().Value;
        Assert.Equal(["api.partnercenter.microsoft.com", "127.0.0.1:5005"], options.Hosts);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BodyReadTimeout);
        Assert.Equal(4096, options.Classification.MaxBodyBytes);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, options.Classification.CategoryOverrides["800067"]);
    }

    [Fact]
    public async Task A_bad_value_fails_startup_with_a_clear_message()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerCenterTelemetry:Classification:MaxBodyBytes"] = "10",
        });
        builder.AddPartnerCenterTelemetry();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("MaxBodyBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_app_exporter_is_detected_only_once_it_is_registered()
    {
        var services = new ServiceCollection();
        Assert.False(OtlpExport.AppHasExporter(services));
        services.AddOpenTelemetry().WithTracing(t => t.AddSource("x"));
        Assert.False(OtlpExport.AppHasExporter(services));
        services.AddOpenTelemetry().UseOtlpExporter();
        Assert.True(OtlpExport.AppHasExporter(services));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("before")]
    [InlineData("after")]
    public async Task Each_span_is_exported_once_whichever_order_the_app_adds_its_own_exporter_in(string appExporter)
    {
        // A real OTLP/HTTP receiver on loopback counts the export requests that carry this test's span: one exporter,
        // one request; a second exporter (ours beside the app's) would post the same span twice.
        var marker = "order-" + appExporter + "-" + Guid.NewGuid().ToString("N");
        var posts = 0;
        await using var receiver = await LoopbackServer.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            if (context.Request.Path == "/v1/traces" && body.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) >= 0)
            {
                Interlocked.Increment(ref posts);
            }
        });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseAddress.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",

            // A generous export timeout (the default is 10 s): a loaded machine must not turn a slow export into a lost one.
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "120000",
        });
        if (appExporter == "before")
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        builder.AddPartnerCenterTelemetry();
        if (appExporter == "after")
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        using var host = builder.Build();
        await host.StartAsync();
        var tracing = host.Services.GetRequiredService<TracerProvider>();
        using (var source = new ActivitySource(PartnerCenterTelemetryNames.SourceName))
        {
            source.StartActivity(marker)?.Dispose();
        }

        Assert.True(tracing.ForceFlush(180_000), "the span was not exported within 180 s");
        await host.StopAsync(); // flushes every exporter once more: a second exporter would have posted by now

        Assert.Equal(1, Volatile.Read(ref posts));
    }

    [Theory]
    [InlineData("grpc", "http://collector:4317", "traces", "http://collector:4317/")]
    [InlineData("http/protobuf", "http://collector:4318", "traces", "http://collector:4318/v1/traces")]
    [InlineData("http/protobuf", "http://collector:4318/", "logs", "http://collector:4318/v1/logs")]
    public void Otlp_endpoints_follow_the_specification(string protocol, string endpoint, string signal, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol,
        }).Build();

        var environment = OtlpEnvironment.From(configuration);
        Assert.True(environment.IsConfigured);
        Assert.Equal(expected, environment.CreateOptions(signal).Endpoint.ToString());
    }

    [Fact]
    public void The_otlp_export_timeout_follows_the_specification()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1234",
            ["OTEL_EXPORTER_OTLP_LOGS_TIMEOUT"] = "5678",
        }).Build();

        var environment = OtlpEnvironment.From(configuration);
        Assert.Equal(1234, environment.CreateOptions("traces").TimeoutMilliseconds);
        Assert.Equal(5678, environment.CreateOptions("logs").TimeoutMilliseconds);
        Assert.Equal(10_000, OtlpEnvironment.From(new ConfigurationBuilder().Build()).CreateOptions("traces").TimeoutMilliseconds);
    }
}
