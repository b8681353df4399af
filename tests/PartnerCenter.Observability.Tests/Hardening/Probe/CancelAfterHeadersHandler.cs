namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>Stands for the app cancelling at the worst moment: as soon as the headers are in, before the body is read (placed as the primary handler, inside ours).</summary>
internal sealed class CancelAfterHeadersHandler(Func<CancellationTokenSource> source) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await source().CancelAsync();
        return response;
    }
}
