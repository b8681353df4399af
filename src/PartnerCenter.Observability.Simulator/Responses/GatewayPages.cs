using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Simulator.Responses;

/// <summary>The HTML pages a gateway in front of Partner Center answers with (502, 503, 504), instead of a JSON error.</summary>
internal static class GatewayPages
{
    public const string ContentType = "text/html; charset=utf-8";

    public static byte[] For(int statusCode, string requestId)
    {
        var title = statusCode switch
        {
            502 => "502 Bad Gateway",
            503 => "503 Service Unavailable",
            504 => "504 Gateway Timeout",
            _ => string.Create(CultureInfo.InvariantCulture, $"{statusCode} Error"),
        };

        var explanation = statusCode switch
        {
            502 => "The server, while acting as a gateway or proxy, received an invalid response from the upstream server.",
            503 => "The service is temporarily unavailable. Please try again later.",
            504 => "The server, while acting as a gateway or proxy, did not receive a timely response from the upstream server.",
            _ => "The request could not be completed.",
        };

        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{title}</title></head>
            <body>
            <h1>{title}</h1>
            <p>{explanation}</p>
            <hr>
            <p>Reference: {requestId}</p>
            </body>
            </html>

            """);
        return Encoding.UTF8.GetBytes(html);
    }
}
