using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace PartnerCenter.Observability.Resilience.DependencyInjection;

/// <summary>
/// Registered once per client whose Partner Center pipeline was added: a second call finds it and returns the same
/// pipeline instead of nesting a second one (the anchors' TryAdd-style marker, instead of a table keyed by collection).
/// </summary>
internal sealed class PartnerCenterResiliencePipelineMarker
{
    public PartnerCenterResiliencePipelineMarker(string name, IHttpStandardResiliencePipelineBuilder pipeline)
    {
        Name = name;
        Pipeline = pipeline;
    }

    public string Name { get; }

    public IHttpStandardResiliencePipelineBuilder Pipeline { get; }

    public static PartnerCenterResiliencePipelineMarker? Find(IServiceCollection services, string name)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(PartnerCenterResiliencePipelineMarker)
                && descriptor.ImplementationInstance is PartnerCenterResiliencePipelineMarker marker
                && string.Equals(marker.Name, name, StringComparison.Ordinal))
            {
                return marker;
            }
        }

        return null;
    }
}
