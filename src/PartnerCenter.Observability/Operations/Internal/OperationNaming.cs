using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Operations;

/// <summary>The host filter and the operation name resolver made from one options instance (their caps live here).</summary>
internal sealed class OperationNaming(PartnerCenterTelemetryOptions options)
{
    public PartnerCenterTelemetryOptions Options { get; } = options;

    public HostFilter Hosts { get; } = new(options.Hosts);

    public OperationNameResolver Operations { get; } = new(options.RouteTemplates, options.MaxOperations);
}
