namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// Rewrites a URL to <c>scheme://host[:port]{path}</c>, the path as <see cref="PartnerCenterOperationResolver.RedactPath"/>
/// makes it (the route template, else only route-table words and API versions kept, every other segment <c>{id}</c>):
/// never user info, the query or the fragment.
/// </summary>
internal sealed class PartnerCenterUrlRedaction
{
    private readonly PartnerCenterOperationResolver _operations;

    public PartnerCenterUrlRedaction(PartnerCenterOperationResolver operations) => _operations = operations;

    /// <summary>
    /// Redacts <paramref name="url"/> when it points at a Partner Center host, or whenever <paramref name="force"/> is
    /// set: the runtime's HTTP spans, where other hosts are the app's to redact.
    /// </summary>
    public bool TryRedact(object? url, bool force, out string redacted)
    {
        redacted = string.Empty;
        if (AsHttpUri(url) is not { } uri || (!force && !_operations.IsPartnerCenterHost(uri)))
        {
            return false;
        }

        var operation = _operations.Resolve(uri);
        redacted = string.Concat(Origin(uri), operation.StartsWith('/') ? operation : "/" + operation);
        return true;
    }

    /// <summary>
    /// Redacts an http or https URL to any host, for the logs the one-liner owns: <see langword="false"/> for anything
    /// else (a string that is not such a URL is not a URL to redact).
    /// </summary>
    public bool TryRedactForLog(object? url, out string redacted)
    {
        redacted = string.Empty;
        if (AsHttpUri(url) is not { } uri)
        {
            return false;
        }

        redacted = Redact(uri);
        return true;
    }

    /// <summary>The redacted form of a request URI, absolute (to any host) or relative.</summary>
    public string Redact(Uri uri) =>
        uri.IsAbsoluteUri ? string.Concat(Origin(uri), _operations.RedactPath(uri)) : _operations.RedactPath(uri);

    /// <summary><c>scheme://host[:port]</c>, without user info.</summary>
    private static string Origin(Uri uri) => string.Concat(uri.Scheme, Uri.SchemeDelimiter, uri.Authority);

    private static Uri? AsHttpUri(object? url)
    {
        var uri = url switch
        {
            Uri u => u,
            string s when Uri.TryCreate(s, UriKind.Absolute, out var parsed) => parsed,
            _ => null,
        };
        return uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }
}
