using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Hosting.Tests.Internal;

/// <summary>
/// The OTLP exporter is recognised by what it is, not by a name that could drift: the app's exporter by the exporter's
/// own public types, and its HttpClients by the names the real exporter asks IHttpClientFactory for, recorded here.
/// </summary>
public sealed class OtlpExporterClientTests
{
    private static readonly Uri Collector = new("http://127.0.0.1:4318");

    [Theory]
    [InlineData("UseOtlpExporter")]
    [InlineData("AddOtlpExporter")]
    public void The_exporters_own_clients_never_get_the_partner_center_handler_and_app_clients_do(string registration)
    {
        var requested = new ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPartnerCenterTelemetry();
        var telemetry = services.AddOpenTelemetry();
        if (registration == "UseOtlpExporter")
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, Collector);
        }
        else
        {
            telemetry
                .WithTracing(tracing => tracing.AddOtlpExporter(Http))
                .WithMetrics(metrics => metrics.AddOtlpExporter(Http))
                .WithLogging(logging => logging.AddOtlpExporter(Http));
        }

        RecordClientNames(services, requested);
        using var provider = services.BuildServiceProvider();

        // Building the providers builds the exporters, which take their HttpClients then.
        provider.GetRequiredService<TracerProvider>();
        provider.GetRequiredService<MeterProvider>();
        provider.GetRequiredService<LoggerProvider>();

        var names = requested.Distinct(StringComparer.Ordinal).ToList();
        Assert.True(OtlpExporterClients.Names.SetEquals(names), "the exporter asked for: " + string.Join(", ", names));
        var handlers = provider.GetRequiredService<IHttpMessageHandlerFactory>();
        Assert.All(names, name => Assert.False(HasPartnerCenterHandler(handlers.CreateHandler(name)), name));

        // Any other client, whatever its name, is instrumented (host-filtered): the check above can fail.
        Assert.True(HasPartnerCenterHandler(handlers.CreateHandler("partner-center")));
        Assert.True(HasPartnerCenterHandler(handlers.CreateHandler("OtlpBillingClient")));
    }

    [Fact]
    public void An_app_exporter_is_recognised_by_the_exporters_types_and_other_exporters_are_not()
    {
        var tracing = new ServiceCollection();
        tracing.AddOpenTelemetry().WithTracing(t => t.AddOtlpExporter());
        Assert.True(OtlpExport.AppHasExporter(tracing));

        var inMemory = new ServiceCollection();
        inMemory.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(new List<System.Diagnostics.Activity>()));
        Assert.False(OtlpExport.AppHasExporter(inMemory));
    }

    private static void Http(OtlpExporterOptions options)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = Collector;
    }

    private static bool HasPartnerCenterHandler(HttpMessageHandler handler)
    {
        for (HttpMessageHandler? current = handler; current is DelegatingHandler delegating; current = delegating.InnerHandler)
        {
            if (current is PartnerCenterTelemetryHandler)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Wraps the registered IHttpClientFactory so that every name asked for is recorded.</summary>
    private static void RecordClientNames(ServiceCollection services, ConcurrentQueue<string> requested)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IHttpClientFactory));
        services.Remove(registered);
        services.AddSingleton<IHttpClientFactory>(sp => new RecordingFactory((IHttpClientFactory)registered.ImplementationFactory!(sp), requested));
    }

    private sealed class RecordingFactory(IHttpClientFactory inner, ConcurrentQueue<string> requested) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name)
        {
            requested.Enqueue(name);
            return inner.CreateClient(name);
        }
    }
}
