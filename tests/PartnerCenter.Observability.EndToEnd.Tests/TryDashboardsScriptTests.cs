using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.EndToEnd.Tests;

/// <summary>
/// The README's "Dashboards with the demo's data" sequence, eng/try-dashboards.sh, run as documented minus the
/// browser: Prometheus (Debian's, with the shipped rules and exemplar storage) has scraped the demo's series, the Aspire
/// dashboard answers, and stopping the script by its PID stops everything it started.
/// </summary>
public sealed class TryDashboardsScriptTests
{
    [Fact]
    public async Task The_documented_sequence_gets_the_demo_into_prometheus_and_stops_cleanly()
    {
        Assert.SkipWhen(Promtool.FindOnPath("prometheus") is null, "prometheus is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus package.");
        Assert.True(File.Exists(DemoProcess.DemoAssembly), $"The demo is not built: {DemoProcess.DemoAssembly}");
        var (demoPort, prometheusPort, dashboardPort, otlpPort) = (DemoProcess.FreePort(), DemoProcess.FreePort(), DemoProcess.FreePort(), DemoProcess.FreePort());
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repo.Root, "eng", "try-dashboards.sh"));
        foreach (var (name, value) in new[]
        {
            ("NO_BUILD", "1"), ("DEMO_DLL", DemoProcess.DemoAssembly), ("DURATION", "300"), ("RATE", "20"), ("READY_TIMEOUT", "150"),
            ("DEMO_METRICS_PORT", Port(demoPort)), ("PROMETHEUS_PORT", Port(prometheusPort)), ("DASHBOARD_PORT", Port(dashboardPort)), ("DASHBOARD_OTLP_PORT", Port(otlpPort)),
        })
        {
            start.Environment[name] = value;
        }

        using var script = ChildProcessGuard.Start(start);
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.OutputDataReceived += (_, e) => Collect(e.Data, output, ready);
        script.ErrorDataReceived += (_, e) => Collect(e.Data, output, ready);
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            var exited = script.WaitForExitAsync();
            var first = await Task.WhenAny(ready.Task, exited).WaitAsync(TimeSpan.FromSeconds(240));
            Assert.True(first == ready.Task, $"the script ended before it was ready:\n{Text(output)}");

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var prometheus = new Uri($"http://127.0.0.1:{prometheusPort}/");
            var series = await QueryAsync(http, prometheus, "count(partner_center_client_request_duration_seconds_count{job=\"partner-center-app\"})");
            Assert.True(series > 0, $"no demo series in Prometheus\n{Text(output)}");
            Assert.Equal(1, await QueryAsync(http, prometheus, "up{job=\"partner-center-app\"}"));

            using (var rules = JsonDocument.Parse(await http.GetStringAsync(new Uri(prometheus, "api/v1/rules"))))
            {
                var groups = rules.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("file").GetString()!).ToList();
                Assert.Contains(groups, f => f.EndsWith("partner-center-recording.yaml", StringComparison.Ordinal));
                Assert.Contains(groups, f => f.EndsWith("partner-center-alerts.yaml", StringComparison.Ordinal));
            }

            using (var flags = JsonDocument.Parse(await http.GetStringAsync(new Uri(prometheus, "api/v1/status/flags"))))
            {
                Assert.Contains("exemplar-storage", flags.RootElement.GetProperty("data").GetProperty("enable-feature").GetString(), StringComparison.Ordinal);
            }

            if (Text(output).Contains("Aspire dashboard:  http", StringComparison.Ordinal))
            {
                using var dashboard = await http.GetAsync(new Uri($"http://127.0.0.1:{dashboardPort}/"));
                Assert.True((int)dashboard.StatusCode < 500, $"the Aspire dashboard answered {(int)dashboard.StatusCode}");
            }

            // Stop it as Ctrl+C or a service manager would: a signal to the script's PID; it stops what it started.
            using (var kill = Process.Start("kill", ["-TERM", script.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }

            await exited.WaitAsync(TimeSpan.FromSeconds(60));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(new Uri(prometheus, "-/ready")));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{demoPort}/metrics")));
        }
        finally
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
                await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static void Collect(string? line, StringBuilder output, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (line.StartsWith("READY:", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task<double> QueryAsync(HttpClient http, Uri prometheus, string expr)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(prometheus, "api/v1/query?query=" + Uri.EscapeDataString(expr))));
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? 0 : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }
}
