using System.Net.Http.Headers;

namespace PartnerCenter.Observability.Simulator.Tests.Support;

/// <summary>Small helpers for talking to a simulator over loopback.</summary>
internal static class SimulatorClient
{
    public static HttpClient Create(PartnerCenterSimulator simulator) =>
        new() { BaseAddress = simulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A request with fresh Partner Center ids (and, when given, a forced outcome).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? outcome = null, string? requestId = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("MS-RequestId", requestId ?? Guid.NewGuid().ToString());
        request.Headers.Add("MS-CorrelationId", Guid.NewGuid().ToString());
        request.Headers.Add("MS-Contract-Version", "v1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (outcome is not null)
        {
            request.Headers.Add(PartnerCenterSimulator.OutcomeHeader, outcome);
        }

        return request;
    }

    public static HttpRequestMessage Get(string path, string? outcome = null, string? requestId = null) =>
        Request(HttpMethod.Get, path, outcome, requestId);

    /// <summary>What came back: status, content type and body, or the exception (a dropped connection).</summary>
    public sealed record Received(string RequestId, int Status, string? ContentType, byte[] Body, HttpResponseMessage? Response, Exception? Error);

    public static async Task<Received> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var requestId = request.Headers.GetValues("MS-RequestId").Single();
        try
        {
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            return new Received(requestId, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, response, null);
        }
        catch (HttpRequestException ex)
        {
            return new Received(requestId, 0, null, [], null, ex);
        }
    }
}
