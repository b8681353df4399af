using System.Globalization;
using PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

namespace PartnerCenter.Observability.EndToEnd.Tests;

/// <summary>The demo, run end to end as a user runs it: its JSON summary agrees with the metrics it exported.</summary>
public sealed class DemoEndToEndTests
{
    [Fact]
    public async Task The_summary_agrees_exactly_with_the_exported_counts_and_p95_within_one_bucket()
    {
        await using var demo = DemoProcess.Start("--scenario", "mixed", "--duration", "5", "--rate", "30", "--seed", "7", "--linger", "30");
        var summary = await demo.SummaryAsync(TimeSpan.FromSeconds(90));
        var samples = PrometheusText.Parse(await demo.ScrapeAsync());

        var requests = summary.GetProperty("requests").GetInt32();
        Assert.Equal(150, requests);
        Assert.Equal(requests, PrometheusText.Sum(samples, "partner_center_client_request_duration_seconds_count"));
        Assert.Equal(summary.GetProperty("failed").GetInt32(), PrometheusText.Sum(samples, "partner_center_client_errors_total"));
        foreach (var category in summary.GetProperty("errorsByCategory").EnumerateObject())
        {
            Assert.True(
                category.Value.GetInt32() == PrometheusText.Sum(samples, "partner_center_client_errors_total", l => l.GetValueOrDefault("partner_center_error_category") == category.Name),
                $"category {category.Name}: summary {category.Value.GetInt32()}\n{demo.Output}");
        }

        // The p95 of the summary falls in the histogram's p95 bucket or a neighbour.
        var buckets = samples.Where(s => s.Name == "partner_center_client_request_duration_seconds_bucket")
            .GroupBy(s => s.Labels["le"])
            .Select(g => (Le: g.Key == "+Inf" ? double.PositiveInfinity : double.Parse(g.Key, CultureInfo.InvariantCulture), Count: g.Sum(s => s.Value)))
            .OrderBy(b => b.Le)
            .ToList();
        var target = 0.95 * requests;
        var metricIndex = buckets.FindIndex(b => b.Count >= target);
        var summaryIndex = buckets.FindIndex(b => b.Le >= summary.GetProperty("p95Seconds").GetDouble());
        Assert.True(Math.Abs(metricIndex - summaryIndex) <= 1, $"p95 bucket {metricIndex} (le {buckets[metricIndex].Le}) vs summary's {summaryIndex} ({summary.GetProperty("p95Seconds")})");
    }

    [Fact]
    public async Task Bad_arguments_print_usage_and_exit_2()
    {
        await using var demo = DemoProcess.Start("--rate", "fast");
        Assert.Equal(2, await demo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Usage:", demo.Output, StringComparison.Ordinal);
        Assert.Contains("stderr:\ndemo: --rate needs calls per second (0.1 to 2000)", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_option_and_exits_0_without_starting_anything()
    {
        await using var demo = DemoProcess.Start("--help");
        Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        foreach (var option in new[] { "--scenario <name>", "--duration <seconds>", "--rate <per-second>", "--seed <n>", "--prometheus-port <n>", "--dashboard", "--json", "--linger <seconds>" })
        {
            Assert.Contains(option, demo.Output, StringComparison.Ordinal);
        }

        foreach (var scenario in new[] { "healthy", "throttle-storm", "outage", "eligibility-spike", "auth-failure", "quota", "mixed" })
        {
            Assert.Contains(scenario, demo.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("simulator at", demo.Output, StringComparison.Ordinal);
    }
}
