using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

namespace PartnerCenter.Observability.EndToEnd.Tests;

/// <summary>What the README says about the demo is what the demo does: its /metrics names, its seed, its summary.</summary>
public sealed partial class DemoTruthsTests
{
    [Fact]
    public async Task Metrics_answer_on_localhost_and_127_0_0_1_under_the_demo_service_name()
    {
        await using var demo = DemoProcess.Start("--scenario", "healthy", "--duration", "1", "--rate", "10", "--linger", "60");
        await demo.SummaryAsync(TimeSpan.FromSeconds(90));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var host in new[] { "localhost", "127.0.0.1" })
        {
            var url = new UriBuilder(demo.MetricsUrl) { Host = host }.Uri;
            using var response = await http.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("target_info{service_name=\"partner-center-demo\"", text, StringComparison.Ordinal);
            Assert.Contains("partner_center_client_request_duration_seconds_count", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_outcomes_and_texts()
    {
        // Throttle storm: no dropped connection, so no resend shifts the arrival numbers (see the README).
        string[] arguments = ["--scenario", "throttle-storm", "--duration", "3", "--rate", "20", "--seed", "5"];
        var first = await RunAsync(arguments);
        var second = await RunAsync(arguments);

        Assert.Equal(60, first.GetProperty("requests").GetInt32());
        Assert.True(first.GetProperty("failed").GetInt32() > 0, "the storm sent no 429");
        foreach (var property in new[] { "requests", "succeeded", "failed", "timedOut", "errorsByCategory", "topCodes" })
        {
            Assert.Equal(first.GetProperty(property).GetRawText(), second.GetProperty(property).GetRawText());
        }

        // Statuses: the failures exactly; successes by class (200, 201 or 202 depends on which operation arrived when).
        Assert.Equal(Statuses(first, s => s >= 300), Statuses(second, s => s >= 300));
    }

    [Fact]
    public async Task The_readme_summary_is_what_the_default_command_prints()
    {
        await using var help = DemoProcess.Start("--help");
        Assert.Equal(0, await help.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var duration = int.Parse(Default().Match(help.Output.Split('\n').Single(l => l.Contains("--duration", StringComparison.Ordinal))).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var rate = int.Parse(Default().Match(help.Output.Split('\n').Single(l => l.Contains("--rate", StringComparison.Ordinal))).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var row = RequestsRow().Match(readme);
        Assert.True(row.Success, "README.md has no 'Requests' row in its sample summary");
        Assert.Equal(duration * rate, int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"drives {rate} calls a second for {duration} seconds", Regex.Replace(readme, @"\s+", " "), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> RunAsync(string[] arguments)
    {
        await using var demo = DemoProcess.Start(arguments);
        return await demo.SummaryAsync(TimeSpan.FromSeconds(90));
    }

    private static Dictionary<string, int> Statuses(JsonElement summary, Func<int, bool> which) =>
        summary.GetProperty("statusCounts").EnumerateObject()
            .Where(p => which(int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(p => p.Name, p => p.Value.GetInt32());

    [GeneratedRegex(@"\(default: (\d+)\)")]
    private static partial Regex Default();

    [GeneratedRegex(@"║ Requests +║ (\d+) +║")]
    private static partial Regex RequestsRow();
}
