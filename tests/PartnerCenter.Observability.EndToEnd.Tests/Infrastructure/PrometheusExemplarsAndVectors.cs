using System.Globalization;
using System.Text.Json;

namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

/// <summary>The exemplar and vector queries of the exemplar and fleet tests.</summary>
internal sealed partial class PrometheusServer
{
    /// <summary>
    /// <c>/api/v1/query_exemplars</c> over the last <paramref name="window"/>: one row per stored exemplar, with the
    /// series' labels and the exemplar's own labels (trace_id, span_id).
    /// </summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Series, IReadOnlyDictionary<string, string> Exemplar)>> ExemplarsAsync(string selector, TimeSpan window)
    {
        var end = DateTimeOffset.UtcNow.AddSeconds(5);
        var start = end - window;
        var url = "api/v1/query_exemplars?query=" + Uri.EscapeDataString(selector)
            + "&start=" + start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            + "&end=" + end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var document = JsonDocument.Parse(await _api.GetStringAsync(url));
        var rows = new List<(IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>)>();
        foreach (var series in document.RootElement.GetProperty("data").EnumerateArray())
        {
            var labels = Labels(series.GetProperty("seriesLabels"));
            foreach (var exemplar in series.GetProperty("exemplars").EnumerateArray())
            {
                rows.Add((labels, Labels(exemplar.GetProperty("labels"))));
            }
        }

        return rows;
    }

    /// <summary>An instant vector query: each series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> VectorAsync(string expr)
    {
        using var document = JsonDocument.Parse(await _api.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(expr)));
        var root = document.RootElement;
        Assert.True(root.GetProperty("status").GetString() == "success", $"{expr}: {root.GetRawText()}");
        return [.. root.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => ((IReadOnlyDictionary<string, string>)Labels(r.GetProperty("metric")), double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>Active alerts with their labels (pending or firing).</summary>
    public async Task<IReadOnlyList<(string State, IReadOnlyDictionary<string, string> Labels)>> AlertsWithLabelsAsync()
    {
        using var document = JsonDocument.Parse(await _api.GetStringAsync("api/v1/alerts"));
        return [.. document.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Select(a => (a.GetProperty("state").GetString()!, (IReadOnlyDictionary<string, string>)Labels(a.GetProperty("labels"))))];
    }

    private static Dictionary<string, string> Labels(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
}
