using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Hosting;

/// <summary>Rewrites a Partner Center URL to <c>scheme://host[:port]{route template}</c>: ids become placeholders, the query is dropped.</summary>
internal sealed class PartnerCenterUrlRedaction
{
    private readonly IOptionsMonitor<PartnerCenterTelemetryOptions> _options;
    private readonly PartnerCenterTelemetryState _state;

    public PartnerCenterUrlRedaction(IOptionsMonitor<PartnerCenterTelemetryOptions> options, PartnerCenterTelemetryState state)
    {
        _options = options;
        _state = state;
    }

    /// <summary>Redacts <paramref name="url"/> when it points at a Partner Center host, or whenever <paramref name="force"/> is set.</summary>
    public bool TryRedact(object? url, bool force, out string redacted)
    {
        redacted = string.Empty;
        var uri = url switch
        {
            Uri u => u,
            string s when Uri.TryCreate(s, UriKind.Absolute, out var parsed) => parsed,
            _ => null,
        };
        if (uri is not { IsAbsoluteUri: true })
        {
            return false;
        }

        var snapshot = _state.For(_options.CurrentValue);
        if (!force && !snapshot.Hosts.IsMatch(uri))
        {
            return false;
        }

        var operation = snapshot.Operations.Resolve(uri.AbsolutePath);
        redacted = string.Concat(uri.GetLeftPart(UriPartial.Authority), operation.StartsWith('/') ? operation : "/" + operation);
        return true;
    }
}
