using System.Diagnostics;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.EndToEnd.Tests;

/// <summary>
/// From the spike to the trace, with real processes: the demo (set up with the one-liner, which turns on trace-based
/// exemplars) runs a throttle storm, serves OpenMetrics exemplars on /metrics and exports its spans over OTLP to the
/// Aspire dashboard; Prometheus (with exemplar storage) scrapes it. The exemplars Prometheus returns for the latency
/// histogram and the errors counter name traces the dashboard received, and each of those traces is a 429 with the
/// MS-RequestId to quote to Microsoft support.
/// </summary>
public sealed class ExemplarLiveTests(ITestOutputHelper output)
{
    private const string Job = "partner-center-demo";

    /// <summary>On an idle machine exemplars are stored after a few scrapes; the bound is for a loaded machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Exemplars_of_the_429_spike_lead_to_traces_with_the_ms_request_id()
    {
        Prerequisite.Require(Promtool.FindOnPath("prometheus") is null, "prometheus is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus package.");
        await using var dashboard = await AspireDashboard.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpGrpcEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = Job,
        };

        // A small run: the dashboard keeps a bounded number of spans, and every exemplar's trace must still be there.
        await using var demo = DemoProcess.Start(environment, "--scenario", "throttle-storm", "--duration", "240", "--rate", "5", "--seed", "7");
        await using var prometheus = await PrometheusServer.StartAsync([demo.MetricsUrl], Job, alertmanager: null, exemplars: true);

        var selectors = new[]
        {
            $"partner_center_client_request_duration_seconds_bucket{{job=\"{Job}\",partner_center_error_category=\"quota\"}}", // the histogram has the category, not the status
            $"partner_center_client_errors_total{{job=\"{Job}\",http_response_status_code=\"429\"}}",
        };
        var clock = Stopwatch.StartNew();
        var found = new Dictionary<string, List<string>>();
        while (clock.Elapsed < Bound && !(found.Count == selectors.Length && found.Values.All(v => v.Count >= 3)))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            foreach (var selector in selectors)
            {
                var exemplars = await prometheus.ExemplarsAsync(selector, TimeSpan.FromMinutes(10));
                found[selector] = [.. exemplars.Select(e => e.Exemplar.GetValueOrDefault("trace_id", "")).Where(t => t.Length > 0).Distinct()];
            }
        }

        foreach (var selector in selectors)
        {
            Assert.True(found.TryGetValue(selector, out var ids) && ids.Count >= 3, $"Prometheus returned {found.GetValueOrDefault(selector)?.Count ?? 0} exemplars with a trace_id for {selector} after {clock.Elapsed.TotalSeconds:F0} s\n{prometheus.Log}\n{demo.Output}");
        }

        // Every trace named by an exemplar arrived at the dashboard over OTLP: a Partner Center span with status 429 and
        // a GUID-shaped MS-RequestId. The exporter sends spans in batches: wait (bounded) until all have arrived.
        var traceIds = found.Values.SelectMany(v => v).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        ILookup<string, Dictionary<string, string?>> spans;
        var matched = new List<(string TraceId, string RequestId)>();
        var wait = Stopwatch.StartNew();
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            spans = await dashboard.SpansByTraceAsync();
            matched = [.. traceIds.Select(t => (t, Span: spans[t].FirstOrDefault(a => a.ContainsKey("partner_center.request_id"))))
                .Where(m => m.Span is not null).Select(m => (m.t, m.Span!["partner_center.request_id"]!))];
        }
        while (matched.Count < traceIds.Count && wait.Elapsed < Bound);

        output.WriteLine($"{traceIds.Count} distinct exemplar trace ids ({string.Join(", ", found.Select(f => $"{f.Value.Count} on {f.Key}"))}); {matched.Count} found in the Aspire dashboard");
        foreach (var (traceId, requestId) in matched.Take(3))
        {
            output.WriteLine($"trace {traceId} → MS-RequestId {requestId}");
        }

        Assert.Equal(traceIds.Count, matched.Count);
        foreach (var traceId in traceIds)
        {
            var span = spans[traceId].First(a => a.ContainsKey("partner_center.request_id"));
            Assert.Equal("429", span["http.response.status_code"]);
            Assert.True(Guid.TryParse(span["partner_center.request_id"], out _), $"trace {traceId}: MS-RequestId '{span["partner_center.request_id"]}' is not a GUID");
            Assert.Equal("429", span["partner_center.error.code"]);
        }
    }
}
