using System.Diagnostics.Metrics;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Resilience;

/// <summary>
/// The instrument only this package records: <c>partner_center.client.retries</c>, on a meter of the library's name
/// (<see cref="PartnerCenterTelemetryNames.SourceName"/>), so that <c>AddPartnerCenterInstrumentation()</c>, which listens
/// to that meter name, exports it with the core's instruments.
/// </summary>
internal sealed class PartnerCenterRetryInstruments
{
    public PartnerCenterRetryInstruments(IMeterFactory meterFactory)
    {
        // The factory owns (and disposes) the meter; with the same name and version it is the core's meter instance.
        var meter = meterFactory.Create(new MeterOptions(PartnerCenterTelemetryNames.SourceName) { Version = PartnerCenterActivitySource.Version });
        Retries = meter.CreateCounter<long>(
            PartnerCenterTelemetryNames.Retries,
            unit: "{retry}",
            description: "Retries of Partner Center calls decided by the Partner Center resilience handler.");
    }

    public Counter<long> Retries { get; }
}
