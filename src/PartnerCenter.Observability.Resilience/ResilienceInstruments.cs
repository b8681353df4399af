using System.Diagnostics.Metrics;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Resilience;

/// <summary>
/// The instrument only this package records, on the meter <c>PartnerCenter.Observability</c> (the meter factory returns
/// the core's own meter for the same name and version, and either way one <c>AddMeter</c> hears both).
/// </summary>
internal sealed class ResilienceInstruments : IDisposable
{
    private readonly Meter _meter;

    public ResilienceInstruments(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(new MeterOptions(PartnerCenterTelemetryNames.SourceName) { Version = PartnerCenterActivitySource.Version });
        Retries = _meter.CreateCounter<long>(
            PartnerCenterTelemetryNames.Retries,
            unit: "{retry}",
            description: "Retries of Partner Center calls decided by the Partner Center resilience handler.");
    }

    public Counter<long> Retries { get; }

    public void Dispose() => _meter.Dispose();
}
