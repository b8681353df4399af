namespace PartnerCenter.Observability.Hosting;

/// <summary>Rewrites a Partner Center URL to <c>scheme://host[:port]{route template}</c>: ids become placeholders, the query is dropped.</summary>
internal sealed class PartnerCenterUrlRedaction
{
    private readonly PartnerCenterOperationResolver _operations;

    public PartnerCenterUrlRedaction(PartnerCenterOperationResolver operations) => _operations = operations;

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

        if (!force && !_operations.IsPartnerCenterHost(uri))
        {
            return false;
        }

        var operation = _operations.Resolve(uri);
        redacted = string.Concat(uri.GetLeftPart(UriPartial.Authority), operation.StartsWith('/') ? operation : "/" + operation);
        return true;
    }
}
