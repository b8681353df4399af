namespace PartnerCenter.Observability.Hosting;

/// <summary>Registered once the logger factory is wrapped, so that a second call does not wrap it twice.</summary>
internal sealed class PartnerCenterErrorPropertiesMarker
{
}
