namespace PartnerCenter.Observability.Http;

/// <summary>Decides whether a request goes to a Partner Center host (<c>host</c> or <c>host:port</c> entries).</summary>
internal sealed class HostFilter(IEnumerable<string> hosts)
{
    private readonly (string Host, int Port)[] _entries = [.. hosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(Parse)];

    public bool IsMatch(Uri? uri)
    {
        if (uri is not { IsAbsoluteUri: true })
        {
            return false;
        }

        var host = uri.Host;
        foreach (var (entryHost, port) in _entries)
        {
            if ((port < 0 || port == uri.Port) && host.Equals(entryHost, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Host, int Port) Parse(string entry)
    {
        entry = entry.Trim();
        if (Uri.TryCreate(entry, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return (uri.Host, entry.IndexOf(':', uri.Scheme.Length + 3) >= 0 ? uri.Port : -1);
        }

        var colon = entry.LastIndexOf(':');
        return colon > 0 && int.TryParse(entry.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? (entry[..colon].Trim('[', ']'), port)
            : (entry, -1);
    }
}
