using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Operations;

/// <summary>The host filter and the operation name resolver made from one options instance (their caps live here).</summary>
internal sealed class OperationNaming
{
    public OperationNaming(PartnerCenterTelemetryOptions options)
    {
        Options = options;
        Hosts = new HostFilter(options.Hosts);
        Operations = new OperationNameResolver(options.RouteTemplates, options.MaxOperations);
    }

    public PartnerCenterTelemetryOptions Options { get; }

    public HostFilter Hosts { get; }

    public OperationNameResolver Operations { get; }
}
