using System.Diagnostics.Metrics;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>
/// The contract's instrument kinds (histogram in seconds, or counter) match the instruments the library really creates,
/// so that the derived Prometheus names (<c>_seconds_bucket</c>, <c>_total</c>) are the exporter's.
/// </summary>
public sealed class InstrumentKindTests
{
    [Fact]
    public void The_library_creates_each_instrument_with_the_kind_and_unit_the_contract_assumes()
    {
        var published = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        using var factory = new TestMeterFactory();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (factory.Created.Contains(instrument.Meter))
            {
                published[instrument.Name] = instrument;
            }
        };
        listener.Start();

        // The types that create the instruments: the core's, and the Resilience package's retries counter.
        using (new PartnerCenter.Observability.Telemetry.PartnerCenterInstruments(factory))
        {
        }

        _ = new PartnerCenter.Observability.Resilience.PartnerCenterRetryInstruments(factory);

        foreach (var (field, name, _) in TelemetryContract.Instruments)
        {
            Assert.True(published.TryGetValue(name, out var instrument), $"the library creates no instrument '{name}'");
            if (TelemetryContract.KindOf(field) == TelemetryContract.InstrumentKind.HistogramSeconds)
            {
                Assert.True(instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>), $"{name} is not a histogram");
                Assert.Equal("s", instrument.Unit);
            }
            else
            {
                Assert.True(instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Counter<>), $"{name} is not a counter");
                Assert.NotEqual("s", instrument.Unit);
            }
        }
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
