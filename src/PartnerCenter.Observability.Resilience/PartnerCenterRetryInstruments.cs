using System.Diagnostics.Metrics;
using System.Reflection;

namespace PartnerCenter.Observability.Resilience;

/// <summary>
/// The instrument only this package records: <c>partner_center.client.retries</c>, on a meter of the library's name
/// (<see cref="PartnerCenterTelemetryNames.SourceName"/>), so that <c>AddPartnerCenterInstrumentation()</c>, which listens
/// to that meter name, exports it with the core's instruments.
/// </summary>
internal sealed class PartnerCenterRetryInstruments
{
    /// <summary>The package version without build metadata (<c>+commit</c>), as the core's meter has it: one scope, one series set per deployment.</summary>
    private static readonly string? Version = WithoutBuildMetadata(typeof(PartnerCenterRetryInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    public PartnerCenterRetryInstruments(IMeterFactory meterFactory)
    {
        // The factory owns (and disposes) the meter; with the same name and version it is the core's meter instance.
        var meter = meterFactory.Create(new MeterOptions(PartnerCenterTelemetryNames.SourceName) { Version = Version });
        Retries = meter.CreateCounter<long>(
            PartnerCenterTelemetryNames.Retries,
            unit: "{retry}",
            description: "Retries of Partner Center calls decided by the Partner Center resilience handler.");
    }

    public Counter<long> Retries { get; }

    private static string? WithoutBuildMetadata(string? version)
    {
        var plus = version?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus >= 0 ? version![..plus] : version;
    }
}
