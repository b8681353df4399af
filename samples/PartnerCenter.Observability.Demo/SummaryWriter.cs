using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace PartnerCenter.Observability.Demo;

/// <summary>The end-of-run summary: a table, or one JSON object on stdout with --json.</summary>
internal static class SummaryWriter
{
    public static void Write(DemoStats stats, DemoOptions options)
    {
        if (options.Json)
        {
            using var stdout = Console.OpenStandardOutput();
            using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("scenario", options.ScenarioName);
                json.WriteNumber("seed", options.Seed);
                json.WriteNumber("durationSeconds", options.Duration.TotalSeconds);
                json.WriteNumber("rate", options.Rate);
                json.WriteNumber("requests", stats.Requests);
                json.WriteNumber("succeeded", stats.Succeeded);
                json.WriteNumber("failed", stats.Failed);
                json.WriteNumber("timedOut", stats.TimedOut);
                json.WriteNumber("p95Seconds", stats.Percentile(0.95));
                json.WriteStartObject("errorsByCategory");
                foreach (var (category, count) in stats.ErrorsByCategory.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteNumber(category, count);
                }

                json.WriteEndObject();
                json.WriteStartObject("statusCounts");
                foreach (var (status, count) in stats.StatusCounts.OrderBy(p => p.Key))
                {
                    json.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
                }

                json.WriteEndObject();
                json.WriteStartArray("topCodes");
                foreach (var code in stats.TopCodes(10))
                {
                    json.WriteStartObject();
                    json.WriteString("code", code.Code);
                    json.WriteString("category", code.Category);
                    json.WriteNumber("count", code.Count);
                    json.WriteString("template", code.Template);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            stdout.Write("\n"u8);
            return;
        }

        var table = new Table().Border(TableBorder.Double).Title("[bold]Summary[/]").AddColumns("", "").HideHeaders();
        table.AddRow("Scenario", options.ScenarioName);
        table.AddRow("Requests", stats.Requests.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Succeeded", stats.Succeeded.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Failed", stats.Failed.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Timed out (client timeout)", stats.TimedOut.ToString(CultureInfo.InvariantCulture));
        table.AddRow("p95 latency", $"{stats.Percentile(0.95) * 1000:F0} ms");
        foreach (var (category, count) in stats.ErrorsByCategory.OrderByDescending(p => p.Value))
        {
            table.AddRow($"  {category}", count.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var code in stats.TopCodes(5))
        {
            table.AddRow($"  code {code.Code} ({code.Category})", $"{code.Count} × {Markup.Escape(code.Template ?? "")}");
        }

        AnsiConsole.Write(table);
    }
}
