using System.Text.RegularExpressions;
using PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

namespace PartnerCenter.Observability.EndToEnd.Tests;

/// <summary>
/// The demo off a terminal (output redirected, as in a CI log or `| tee`): it says at once what it starts, prints plain
/// progress lines where a terminal gets the live view, and still ends with the summary. With --dashboard and standard
/// input redirected it does not wait for Enter.
/// </summary>
public sealed partial class DemoPlainOutputTests
{
    [Fact]
    public async Task Off_a_terminal_the_demo_says_what_it_starts_and_prints_progress_lines()
    {
        await using var demo = DemoProcess.StartPlain("--duration", "4", "--rate", "10", "--seed", "3");
        Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(120)));

        var lines = demo.StdoutLines;
        Assert.StartsWith("demo: starting the Partner Center simulator and the instrumented app", lines[0], StringComparison.Ordinal);
        var progress = lines.Where(l => l.StartsWith("progress ", StringComparison.Ordinal)).ToList();
        Assert.True(progress.Count >= 2, demo.Output); // every second of a 4 s run, and one at the end
        Assert.Matches(LastProgress(), progress[^1]);
        Assert.Contains(lines, l => l.Contains("║ Requests", StringComparison.Ordinal) && l.Contains("40", StringComparison.Ordinal));
        Assert.True(lines.ToList().FindIndex(l => l.StartsWith("progress ", StringComparison.Ordinal)) < lines.ToList().FindIndex(l => l.Contains("║ Requests", StringComparison.Ordinal)), demo.Output);
    }

    [Fact]
    public async Task With_the_dashboard_and_no_terminal_to_press_Enter_in_the_demo_stops_it_and_exits()
    {
        // The dashboard restored by this test project (tests/Directory.Build.props) is the one the demo looks for.
        await using var demo = DemoProcess.StartPlain("--duration", "1", "--rate", "5", "--dashboard");
        Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(180)));

        var lines = demo.StdoutLines;
        Assert.StartsWith("demo: starting the Partner Center simulator, the Aspire dashboard", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Aspire dashboard (traces, logs, metrics): http://127.0.0.1:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("stopped (standard input is not a terminal: nobody to press Enter)", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^progress 4/4 s: 40 requests, \d+ succeeded, \d+ failed( \([a-z_]+ \d+(, [a-z_]+ \d+)*\))?, \d+ timed out, p95 \d+ ms$")]
    private static partial Regex LastProgress();
}
