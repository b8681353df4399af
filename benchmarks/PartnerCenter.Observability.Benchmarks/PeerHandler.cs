using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>
/// The floor a careful user would write by hand: one client Activity with the same tags as ours, one histogram
/// measurement with the same tags as ours, and the MS-RequestId and MS-CorrelationId headers when missing. It reads no
/// error body and classifies nothing, so on an error it is only a floor for the signals, not for the classification.
/// A careful user writes <see cref="Guid.NewGuid"/> for the ids; with <paramref name="sameIdsAsOurs"/> the peer takes
/// them from the library's generator instead, so that the comparison shows the rest of the work alone.
/// </summary>
/// <param name="sameIdsAsOurs">Whether the ids come from the library's generator rather than <see cref="Guid.NewGuid"/>.</param>
internal sealed class PeerHandler(bool sameIdsAsOurs = false) : DelegatingHandler
{
    public const string SourceName = "Peer.PartnerCenter";
    private const string Operation = "/v1/customers/{customer_id}/orders";
    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("peer.request.duration", "s");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains("MS-RequestId"))
        {
            request.Headers.TryAddWithoutValidation("MS-RequestId", NewId());
        }

        if (!request.Headers.Contains("MS-CorrelationId"))
        {
            request.Headers.TryAddWithoutValidation("MS-CorrelationId", NewId());
        }

        var method = request.Method.Method;
        using var activity = Source.StartActivity(method + " " + Operation, ActivityKind.Client);
        activity?.SetTag("http.request.method", method);
        activity?.SetTag("server.address", request.RequestUri?.Host);
        activity?.SetTag("partner_center.operation", Operation);
        var started = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        activity?.SetTag("http.response.status_code", status);
        var tags = new TagList
        {
            { "http.request.method", method },
            { "partner_center.operation", Operation },
        };
        if (status >= 400)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
            tags.Add("partner_center.error.category", "eligibility");
        }

        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        return response;
    }

    private string NewId() => sameIdsAsOurs ? PartnerCenter.Observability.Http.RequestIdGenerator.NewId() : Guid.NewGuid().ToString();
}
