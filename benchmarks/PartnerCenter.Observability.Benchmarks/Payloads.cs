using System.Text;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>The bodies the benchmarks classify.</summary>
internal static class Payloads
{
    /// <summary>A typical ~300-byte Partner Center error with a catalogued code.</summary>
    public static readonly byte[] TypicalError = Encoding.UTF8.GetBytes(
        """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [{"catalogItemId": "DZH318Z0BQ3Q:0007:DZH318Z0BQ3Z", "customerId": "5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11"}], "source": "PartnerFD", "trackingId": "0HN8RT2F9K3QS:00000001"}""");

    /// <summary>The same shape with a code that is not catalogued, so that the description is decoded and redacted.</summary>
    public static readonly byte[] UncatalogedError = Encoding.UTF8.GetBytes(
        """{"code": 812345, "description": "Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 is not eligible for offer DZH318Z0BQ3Q in this market.", "data": [], "source": "PartnerFD", "trackingId": "0HN8RT2F9K3QS:00000002"}""");

    /// <summary>The description of <see cref="UncatalogedError"/>, for the fallback alone.</summary>
    public const string UncatalogedDescription = "Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 is not eligible for offer DZH318Z0BQ3Q in this market.";

    /// <summary>An OAuth 2.0 / Microsoft Entra token error, in the shape quoted in public Partner Center PowerShell issues.</summary>
    public static readonly byte[] OAuthError = Encoding.UTF8.GetBytes(
        """{"error":"invalid_grant","error_description":"AADSTS70002: Error validating credentials. AADSTS50126: Invalid username or password\r\nTrace ID: 5c1fe98f-116a-4a2a-b832-28d44fcb0300\r\nCorrelation ID: f53bfd54-c805-4b27-bcd8-664faf89f556\r\nTimestamp: 2018-03-23 10:54:27Z","error_codes":[70002,50126],"timestamp":"2018-03-23 10:54:27Z","trace_id":"5c1fe98f-116a-4a2a-b832-28d44fcb0300","correlation_id":"f53bfd54-c805-4b27-bcd8-664faf89f556"}""");

    /// <summary>A 1 MiB HTML gateway page.</summary>
    public static readonly byte[] GatewayPage = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>" + new string('x', (1024 * 1024) - 100) + "</body></html>");
}
