using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>What a user would write: read the error body as a string, deserialize it, tag a span and count it.</summary>
internal sealed class NaiveHandler : DelegatingHandler
{
    public const string SourceName = "Naive.PartnerCenter";
    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("naive.errors");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("partner-center-call", ActivityKind.Client);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            string? code = null;
            try
            {
                code = JsonSerializer.Deserialize<ClassifierBenchmarks.ErrorDto>(text)?.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (JsonException)
            {
            }

            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            activity?.SetTag("partner_center.error.code", code);
            Errors.Add(1, new KeyValuePair<string, object?>("partner_center.error.code", code), new KeyValuePair<string, object?>("http.response.status_code", (int)response.StatusCode));
        }

        return response;
    }
}
