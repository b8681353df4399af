using System.Globalization;
using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Fidelity;

/// <summary>
/// A Kestrel server on loopback that answers <c>/body?kind=Json&amp;size=65536&amp;status=403&amp;chunked=1&amp;gzip=1</c>
/// with exactly that body: a Content-Length or a chunked transfer, plain or gzip with Content-Encoding.
/// </summary>
public sealed class FidelityServer : IAsyncLifetime
{
    private LoopbackServer? _server;

    public Uri BaseAddress => _server!.BaseAddress;

    public static Uri PathFor(BodyKind kind, int size, int status, bool chunked, bool gzip) =>
        new(string.Create(CultureInfo.InvariantCulture, $"body?kind={kind}&size={size}&status={status}&chunked={(chunked ? 1 : 0)}&gzip={(gzip ? 1 : 0)}"), UriKind.Relative);

    public async ValueTask InitializeAsync() => _server = await LoopbackServer.StartAsync(ServeAsync);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        TestBodies.Clear();
    }

    private static async Task ServeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var kind = Enum.Parse<BodyKind>(query["kind"].ToString());
        var size = int.Parse(query["size"].ToString(), CultureInfo.InvariantCulture);
        var gzip = query["gzip"] == "1";
        var chunked = query["chunked"] == "1";
        var payload = gzip ? TestBodies.GetGzip(kind, size) : TestBodies.Get(kind, size);
        var response = context.Response;
        response.StatusCode = int.Parse(query["status"].ToString(), CultureInfo.InvariantCulture);
        if (TestBodies.ContentType(kind) is { } contentType)
        {
            response.ContentType = contentType;
        }

        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
        }

        response.Headers["MS-CV"] = "fidelity.1";
        response.Headers.CacheControl = "no-store";
        if (chunked)
        {
            // Headers first, with no length: Kestrel sends the body chunked, in pieces of varying sizes.
            await response.StartAsync();
            var offset = 0;
            var piece = 1;
            while (offset < payload.Length)
            {
                var count = Math.Min(piece, payload.Length - offset);
                await response.Body.WriteAsync(payload.AsMemory(offset, count));
                offset += count;
                piece = Math.Min(piece * 7, 256 * 1024);
            }
        }
        else
        {
            response.ContentLength = payload.Length;
            await response.Body.WriteAsync(payload);
        }
    }
}
