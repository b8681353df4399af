using System.Globalization;
using PartnerCenter.Observability.Simulator;
using Spectre.Console;

namespace PartnerCenter.Observability.Demo;

/// <summary>The live console view: requests, errors by category, top codes with templates, p95 latency and progress.</summary>
internal static class LiveView
{
    public static async Task RunAsync(TrafficDriver driver, DemoStats stats, DemoOptions options, PartnerCenterSimulator simulator, AspireDashboardLauncher? dashboard, CancellationToken cancellationToken)
    {
        var interactive = !options.Json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!options.Json)
        {
            AnsiConsole.MarkupLine($"[bold]PartnerCenter.Observability demo[/]: simulator at [blue]{simulator.BaseAddress}[/], scenario [yellow]{Markup.Escape(ScenarioText.Describe(options.Scenario))}[/], seed {options.Seed}, {options.Rate.ToString(CultureInfo.InvariantCulture)}/s for {options.Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            if (options.PrometheusPort is { } port)
            {
                AnsiConsole.MarkupLine($"Prometheus metrics: [blue]http://127.0.0.1:{port}/metrics[/]");
            }

            if (dashboard is not null)
            {
                AnsiConsole.MarkupLine($"Aspire dashboard (traces, logs, metrics): [blue]{dashboard.DashboardUrl}[/]");
            }
        }

        var run = driver.RunAsync(cancellationToken);
        if (!interactive)
        {
            if (!options.Json)
            {
                await ProgressLinesAsync(run, driver, stats).ConfigureAwait(false);
            }

            await run.ConfigureAwait(false);
            return;
        }

        await AnsiConsole.Live(Render(driver, stats)).AutoClear(false).StartAsync(async context =>
        {
            while (!run.IsCompleted)
            {
                context.UpdateTarget(Render(driver, stats));
                await Task.WhenAny(run, Task.Delay(250, CancellationToken.None)).ConfigureAwait(false);
            }

            context.UpdateTarget(Render(driver, stats));
        }).ConfigureAwait(false);
        await run.ConfigureAwait(false);
    }

    /// <summary>
    /// Off a terminal (output piped to a file, a CI log) the live view cannot redraw: one plain progress line instead,
    /// every quarter of the run (at least every second, at most every 5 s), and one at the end.
    /// </summary>
    private static async Task ProgressLinesAsync(Task run, TrafficDriver driver, DemoStats stats)
    {
        var every = TimeSpan.FromSeconds(Math.Clamp(driver.Duration.TotalSeconds / 4, 1, 5));
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(every, CancellationToken.None)).ConfigureAwait(false);
            Console.WriteLine(ProgressLine(driver, stats));
        }
    }

    internal static string ProgressLine(TrafficDriver driver, DemoStats stats)
    {
        var elapsed = Math.Min(driver.Elapsed.TotalSeconds, driver.Duration.TotalSeconds);
        var categories = string.Join(", ", stats.ErrorsByCategory.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value.ToString(CultureInfo.InvariantCulture)}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"progress {elapsed:F0}/{driver.Duration.TotalSeconds:F0} s: {stats.Requests} requests, {stats.Succeeded} succeeded, {stats.Failed} failed{(categories.Length > 0 ? " (" + categories + ")" : "")}, {stats.TimedOut} timed out, p95 {stats.Percentile(0.95) * 1000:F0} ms");
    }

    private static Rows Render(TrafficDriver driver, DemoStats stats)
    {
        var fraction = Math.Clamp(driver.Elapsed / driver.Duration, 0, 1);
        const int width = 40;
        var filled = (int)Math.Round(fraction * width);
        var progress = new Markup($"[green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] {fraction:P0}");

        var totals = new Table().Border(TableBorder.Rounded).AddColumns("Requests", "Succeeded", "Failed", "Timed out", "p95 latency");
        totals.AddRow(
            stats.Requests.ToString(CultureInfo.InvariantCulture),
            $"[green]{stats.Succeeded}[/]",
            $"[red]{stats.Failed}[/]",
            stats.TimedOut.ToString(CultureInfo.InvariantCulture),
            $"{stats.Percentile(0.95) * 1000:F0} ms");

        var categories = new Table().Border(TableBorder.Rounded).Title("Errors by category").AddColumns("Category", "Count");
        foreach (var (category, count) in stats.ErrorsByCategory.OrderByDescending(p => p.Value))
        {
            categories.AddRow(category, count.ToString(CultureInfo.InvariantCulture));
        }

        var codes = new Table().Border(TableBorder.Rounded).Title("Top error codes").AddColumns("Code", "Category", "Count", "Template");
        foreach (var code in stats.TopCodes(6))
        {
            codes.AddRow(code.Code, code.Category, code.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(Truncate(code.Template, 70)));
        }

        return new Rows(progress, totals, new Columns(categories, codes));
    }

    private static string Truncate(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..(max - 1)] + "…";
}
