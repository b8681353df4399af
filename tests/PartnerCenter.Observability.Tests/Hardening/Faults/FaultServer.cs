using System.Text;
using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Faults;

/// <summary>Answers the fault tests: a success, a JSON error, an HTML page, and bodies that break off mid-way.</summary>
public sealed class FaultServer : IAsyncLifetime
{
    public static readonly byte[] Success = Encoding.UTF8.GetBytes("{\"id\": \"o-1\", \"status\": \"completed\", \"lineItems\": [" + string.Join(",", Enumerable.Range(0, 50).Select(i => "{\"n\":" + i + "}")) + "]}");
    public static readonly byte[] Error = Encoding.UTF8.GetBytes("{\"code\": 800020, \"description\": \"The catalog item isn't eligible for purchase.\", \"data\": [], \"source\": \"PartnerFD\", \"pad\": \"" + new string('p', 2000) + "\"}");
    public static readonly byte[] Uncataloged = Encoding.UTF8.GetBytes("{\"code\": 123456, \"description\": \"Something odd for user jane@contoso.com.\"}");
    public static readonly byte[] Page = Encoding.UTF8.GetBytes("<html><body>503 Service Unavailable</body></html>");

    private LoopbackServer? _server;

    /// <summary>The paths every fault is tried against.</summary>
    public static IReadOnlyList<string> Paths { get; } = ["v1/customers/c-1/orders/ok", "v1/customers/c-1/orders/error", "v1/customers/c-1/orders/uncataloged", "v1/invoices/page", "v1/invoices/broken-error", "v1/invoices/broken-success"];

    public Uri BaseAddress => _server!.BaseAddress;

    public async ValueTask InitializeAsync() => _server = await LoopbackServer.StartAsync(ServeAsync);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static async Task ServeAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["MS-CV"] = "faults.1";
        var path = context.Request.Path.Value ?? "";
        switch (path[(path.LastIndexOf('/') + 1)..])
        {
            case "ok":
                await WriteAsync(response, 200, "application/json; charset=utf-8", Success);
                break;
            case "error":
                await WriteAsync(response, 403, "application/json; charset=utf-8", Error);
                break;
            case "uncataloged":
                await WriteAsync(response, 400, "application/json; charset=utf-8", Uncataloged);
                break;
            case "page":
                await WriteAsync(response, 503, "text/html", Page);
                break;
            default:
                // A body that breaks off: the length promises 10,000 bytes, 2,000 come, then the connection is aborted.
                response.StatusCode = path.EndsWith("broken-error", StringComparison.Ordinal) ? 500 : 200;
                response.ContentType = "application/json; charset=utf-8";
                response.ContentLength = 10_000;
                await response.Body.WriteAsync(Error.AsMemory(0, 2000));
                await response.Body.FlushAsync();
                await Task.Delay(50);
                context.Abort();
                break;
        }
    }

    private static async Task WriteAsync(HttpResponse response, int status, string contentType, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }
}
