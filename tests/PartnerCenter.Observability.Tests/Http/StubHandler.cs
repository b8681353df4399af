namespace PartnerCenter.Observability.Tests.Http;

/// <summary>Answers every request with what <paramref name="respond"/> builds, synchronously.</summary>
internal sealed class StubHandler(Func<HttpResponseMessage> respond) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = respond();
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
