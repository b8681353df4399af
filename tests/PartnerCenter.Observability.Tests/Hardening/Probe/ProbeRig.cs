using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>
/// The probe's rig, written as the outside probe was: a Kestrel server on loopback, the same input sent through a bare
/// client and through a client with the handler and every signal on (spans, metrics, logs at Debug), and every signal
/// of the instrumented side captured. Every send has a timeout, so that a hang fails with a message.
/// </summary>
internal sealed class ProbeRig : IAsyncDisposable
{
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(60);

    private readonly LoopbackServer _server;
    private readonly InstrumentedClients _clients;

    private ProbeRig(LoopbackServer server, InstrumentedClients clients)
    {
        _server = server;
        _clients = clients;
    }

    public Uri BaseAddress => _server.BaseAddress;

    public InstrumentedClients Clients => _clients;

    public static async Task<ProbeRig> StartAsync(RequestDelegate respond, Action<PartnerCenterTelemetryOptions>? configure = null) =>
        new(await LoopbackServer.StartAsync(respond), new InstrumentedClients(configure));

    /// <summary>Answers every request with <paramref name="status"/> and the JSON <paramref name="body"/>.</summary>
    public static Task<ProbeRig> StartJsonAsync(int status, string body, Action<HttpResponse>? headers = null, Action<PartnerCenterTelemetryOptions>? configure = null) =>
        StartAsync(
            async context =>
            {
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json; charset=utf-8";
                headers?.Invoke(context.Response);
                await context.Response.WriteAsync(body);
            },
            configure);

    /// <summary>Sends the same request through both clients; with <paramref name="ensure"/>, the app calls <c>EnsurePartnerCenterSuccessAsync</c> before reading the body.</summary>
    public async Task<ProbeResult> SendAsync(string path, Action<HttpRequestMessage>? prepare = null, bool ensure = true)
    {
        _clients.Harness.Errors.Clear();
        _clients.Harness.Duration.Clear();
        var before = _clients.Harness.Logs.Count;
        var plain = await SendOneAsync(_clients.Plain, path, prepare, ensure);
        ProbeSide instrumented;
        List<System.Diagnostics.Activity> spans;
        using (var collector = new SpanCollector())
        {
            instrumented = await SendOneAsync(_clients.Instrumented, path, prepare, ensure);
            spans = [.. collector.Ours];
        }

        return new ProbeResult
        {
            Plain = plain,
            Instrumented = instrumented,
            Spans = spans,
            DurationTags = [.. _clients.Harness.Duration.GetMeasurementSnapshot().Select(m => (IReadOnlyDictionary<string, object?>)m.Tags)],
            ErrorTags = [.. _clients.Harness.Errors.GetMeasurementSnapshot().Select(m => (IReadOnlyDictionary<string, object?>)m.Tags)],
            Logs = [.. _clients.Harness.Logs.GetSnapshot().Skip(before)],
        };
    }

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<ProbeSide> SendOneAsync(HttpClient client, string path, Action<HttpRequestMessage>? prepare, bool ensure)
    {
        using var timeout = new CancellationTokenSource(SendTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseAddress, path));
        prepare?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception ex)
        {
            return new ProbeSide(null, null, ex, null, null);
        }

        using (response)
        {
            Exception? ensured = null;
            try
            {
                if (ensure)
                {
                    await response.EnsurePartnerCenterSuccessAsync(timeout.Token);
                }
            }
            catch (Exception ex)
            {
                ensured = ex;
            }

            try
            {
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                return new ProbeSide((int)response.StatusCode, body, null, null, ensured);
            }
            catch (Exception ex)
            {
                return new ProbeSide((int)response.StatusCode, null, null, ex, ensured);
            }
        }
    }
}
