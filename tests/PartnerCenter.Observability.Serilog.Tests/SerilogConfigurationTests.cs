using Microsoft.Extensions.Configuration;
using PartnerCenter.Observability.Enrichers.Tests.Infrastructure;
using PartnerCenter.Observability.Serilog.Tests.Internal;
using Serilog;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Serilog.Tests;

/// <summary>The enricher set up from an appsettings file through Serilog.Settings.Configuration.</summary>
public sealed class SerilogConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pc-serilog-").FullName;

    [Fact]
    public void Using_and_Enrich_in_appsettings_json_add_the_enricher()
    {
        var properties = LogFromSettings("""
            {
              "Serilog": {
                "Using": [ "PartnerCenter.Observability.Serilog" ],
                "MinimumLevel": "Information",
                "Enrich": [ "WithPartnerCenterErrors" ]
              }
            }
            """);

        Assert.Equal("800020", SerilogEnricherTests.Scalar(properties.WithException, Tags.ErrorCode));
        Assert.Equal("eligibility", SerilogEnricherTests.Scalar(properties.WithException, Tags.ErrorCategory));
        Assert.Equal(Samples.Operation, SerilogEnricherTests.Scalar(properties.InSpan, Tags.Operation));
    }

    [Fact]
    public void The_span_option_can_be_set_in_appsettings_json()
    {
        var properties = LogFromSettings("""
            {
              "Serilog": {
                "Using": [ "PartnerCenter.Observability.Serilog" ],
                "Enrich": [ { "Name": "WithPartnerCenterErrors", "Args": { "includeCurrentSpan": false } } ]
              }
            }
            """);

        Assert.Equal("800020", SerilogEnricherTests.Scalar(properties.WithException, Tags.ErrorCode));
        Assert.False(properties.InSpan.ContainsKey(Tags.Operation));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (IReadOnlyDictionary<string, global::Serilog.Events.LogEventPropertyValue> WithException, IReadOnlyDictionary<string, global::Serilog.Events.LogEventPropertyValue> InSpan) LogFromSettings(string json)
    {
        var path = Path.Combine(_directory, "appsettings.json");
        File.WriteAllText(path, json);
        var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();
        var sink = new CollectingSink();
        using (var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).WriteTo.Sink(sink).CreateLogger())
        {
            logger.Error(Samples.Eligibility(), "Order failed");
            using (Samples.StartPartnerCenterSpan())
            {
                logger.Information("Inside the span");
            }
        }

        Assert.Equal(2, sink.Events.Count);
        return (sink.Events[0].Properties, sink.Events[1].Properties);
    }
}
