using System.Diagnostics;
using System.Reflection;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>
/// This package's ActivitySource, named <c>PartnerCenter.Observability</c> in every package so that one
/// <c>AddSource</c> (or <c>AddPartnerCenterInstrumentation</c>) hears all of them, and versioned without build metadata.
/// </summary>
internal static class PartnerCenterActivitySource
{
    /// <summary>
    /// The package version without build metadata (<c>+commit</c>): the scope version is a label on every series, and a
    /// version that changes with every build would start new series for every metric at every deployment.
    /// </summary>
    public static readonly string? Version = WithoutBuildMetadata(typeof(PartnerCenterActivitySource).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    public static readonly ActivitySource Instance = new(PartnerCenterTelemetryNames.SourceName, Version);

    /// <summary>A SemVer 2 version without its <c>+metadata</c> part.</summary>
    internal static string? WithoutBuildMetadata(string? version)
    {
        var plus = version?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus >= 0 ? version![..plus] : version;
    }
}
