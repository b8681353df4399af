using System.Net.Http.Headers;

namespace PartnerCenter.Observability.Hardening.Tests.Faults;

/// <summary>What the app saw of one call: the status, headers and body bytes, or the exception, by type.</summary>
internal sealed record Observation(int Status, string Headers, string Body, string? Exception)
{
    public static async Task<Observation> OfAsync(HttpClient client, Uri address, HttpMethod? method = null, CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = new HttpRequestMessage(method ?? HttpMethod.Get, address);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var headers = Describe(response.Headers.Where(h => h.Key is not ("Date" or "MS-RequestId" or "MS-CorrelationId"))) + "\n--\n" + Describe(response.Content.Headers);
            try
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return new Observation((int)response.StatusCode, headers, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body)) + $" ({body.Length} B)", null);
            }
            catch (Exception ex)
            {
                return new Observation((int)response.StatusCode, headers, "(body failed)", Describe(ex));
            }
        }
        catch (Exception ex)
        {
            return new Observation(0, "", "", Describe(ex));
        }
    }

    /// <summary>The exception chain by type (and HttpRequestError), which the app's error handling depends on.</summary>
    public static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            parts.Add(current is HttpRequestException http ? $"{current.GetType().FullName}({http.HttpRequestError}, {http.StatusCode?.ToString() ?? "no status"}): {current.Message}" : $"{current.GetType().FullName}: {current.Message}");
        }

        return string.Join(" <- ", parts);
    }

    private static string Describe(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers) =>
        string.Join("\n", headers.Select(h => h.Key + ": " + string.Join(", ", h.Value)).Order(StringComparer.Ordinal));

    public static string Describe(HttpContentHeaders headers) => Describe((IEnumerable<KeyValuePair<string, IEnumerable<string>>>)headers);
}
