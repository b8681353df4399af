namespace PartnerCenter.Observability.DependencyInjection;

/// <summary>
/// Registered once per client instrumented on its own: tells that the client's named options are already set up
/// (validated at startup), as dotnet/extensions marks what it registered instead of keeping a table.
/// </summary>
internal sealed record PartnerCenterTelemetryClientMarker(string Name);
