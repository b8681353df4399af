using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Resilience.Tests.Infrastructure;

namespace PartnerCenter.Observability.Resilience.Tests.Internal;

/// <summary>
/// The retries counter belongs to this package, on a meter of the library's name and version: whatever listens to the
/// meter name (as <c>AddPartnerCenterInstrumentation()</c> does, with <c>AddMeter</c>) gets it with the core's instruments.
/// </summary>
public sealed class RetryMeterTests
{
    [Fact]
    public async Task The_retries_counter_is_on_a_meter_with_the_core_meters_name_and_version()
    {
        await using var harness = await ResilienceHarness.StartAsync();
        var meterFactory = harness.Services.GetRequiredService<IMeterFactory>();
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name == PartnerCenterTelemetryNames.SourceName)
                {
                    lock (published)
                    {
                        published.Add(instrument);
                    }
                }
            },
        };
        listener.Start();

        using var response = await harness.PostOrderAsync("kind=empty;status=503", "success");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Instrument[] found;
        lock (published)
        {
            found = [.. published];
        }

        var retries = Assert.Single(found, i => i.Name == PartnerCenterTelemetryNames.Retries);
        var errors = Assert.Single(found, i => i.Name == PartnerCenterTelemetryNames.Errors);
        Assert.Equal(errors.Meter.Version, retries.Meter.Version);
        Assert.Single(harness.Retries.GetMeasurementSnapshot());
    }
}
