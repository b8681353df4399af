using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's package) on 127.0.0.1 with the shipped recording and alert rules, scraping one target
/// every second, evaluating rules every second and, when given one, sending alerts to an Alertmanager. The alert
/// rules are the shipped ones with <c>for:</c> set to 0s: a scenario lasts a minute or two, the rules' own
/// durations (2 minutes to 3 hours) are checked by the promtool unit tests. The meta-monitoring alerts keep theirs:
/// one scrape missed on a loaded machine must not fire PartnerCenterTargetDown. Stopped by its PID.
/// </summary>
internal sealed partial class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _api;
    private readonly StringBuilder _log = new();

    private PrometheusServer(Process process, string directory, Uri api)
    {
        _process = process;
        _directory = directory;
        _api = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Log => _log.ToString();

    public static Task<PrometheusServer> StartAsync(Uri target, string job, string? alertmanager = null) =>
        StartAsync([target], job, alertmanager, exemplars: false);

    /// <summary>
    /// Scrapes every target as one job (each its own <c>instance</c>); with <paramref name="exemplars"/>, stores the
    /// OpenMetrics exemplars of the scrapes (<c>--enable-feature=exemplar-storage</c>).
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<Uri> targets, string job, string? alertmanager, bool exemplars)
    {
        var target = targets[0];
        var authorities = string.Join(", ", targets.Select(t => $"\"{t.Authority}\""));
        var executable = Prerequisite.Executable("prometheus", "prometheus is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus package.");
        var directory = Directory.CreateTempSubdirectory("pc-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var alertRules = Path.Combine(directory, "partner-center-alerts.yaml");
        var shipped = await File.ReadAllTextAsync(Repo.AlertRules);
        Assert.Matches(ForLine(), shipped);
        await File.WriteAllTextAsync(alertRules, ShortenFor(shipped));
        var alerting = alertmanager is null ? "" : $$"""
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ["{{alertmanager}}"]
            """;
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            {alerting}
            rule_files:
              - {Repo.RecordingRules}
              - {alertRules}
            scrape_configs:
              - job_name: {job}
                metrics_path: {target.AbsolutePath}
                static_configs:
                  - targets: [{authorities}]
            """);
        string[] feature = exemplars ? ["--enable-feature=exemplar-storage"] : [];
        return await LaunchAsync(executable, directory, config, feature);
    }

    /// <summary>
    /// One replica of an HA pair, as dashboards/README.md ("High availability") describes it: it scrapes the target
    /// every second, evaluates <paramref name="alertRules"/> (rule file text) every second and sends its alerts to every
    /// Alertmanager of the cluster. Its external label <c>replica</c> tells the replicas' series apart and is dropped
    /// from the alerts, so that both replicas send the same alert and Alertmanager sees one.
    /// </summary>
    public static async Task<PrometheusServer> StartReplicaAsync(Uri target, string job, string replica, string alertRules, IReadOnlyList<string> alertmanagers)
    {
        var executable = Prerequisite.Executable("prometheus", "prometheus is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus package.");
        var directory = Directory.CreateTempSubdirectory("pc-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var rules = Path.Combine(directory, "alerts.yaml");
        await File.WriteAllTextAsync(rules, alertRules);
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
              external_labels:
                replica: {replica}
            alerting:
              alert_relabel_configs:
                - action: labeldrop
                  regex: replica
              alertmanagers:
                - static_configs:
                    - targets: [{string.Join(", ", alertmanagers.Select(a => $"\"{a}\""))}]
            rule_files:
              - {rules}
            scrape_configs:
              - job_name: {job}
                metrics_path: {target.AbsolutePath}
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        return await LaunchAsync(executable, directory, config, []);
    }

    private static async Task<PrometheusServer> LaunchAsync(string executable, string directory, string config, IEnumerable<string> feature)
    {
        var port = DemoProcess.FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" }.Concat(feature))
        {
            start.ArgumentList.Add(argument);
        }

        var server = new PrometheusServer(ChildProcessGuard.Start(start), directory, new Uri($"http://127.0.0.1:{port}/"));
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        // Bounded: 240 tries of 250 ms (a minute) for a process that is ready in about a second when idle.
        for (var i = 0; i < 240; i++)
        {
            try
            {
                using var ready = await server._api.GetAsync("-/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(server._process.HasExited, "prometheus exited:\n" + server.Log);
            await Task.Delay(250);
        }

        throw new InvalidOperationException("prometheus did not become ready:\n" + server.Log);
    }

    /// <summary>Names of the alerts that are pending or firing.</summary>
    public async Task<IReadOnlyList<(string Name, string State)>> ActiveAlertsAsync()
    {
        using var document = JsonDocument.Parse(await _api.GetStringAsync("api/v1/alerts"));
        return [.. document.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
            .Select(a => (a.GetProperty("labels").GetProperty("alertname").GetString()!, a.GetProperty("state").GetString()!))];
    }

    /// <summary>Runs an instant query; returns the number of series in the result (or an error).</summary>
    public async Task<(int Series, string? Error)> QueryAsync(string expr)
    {
        using var response = await _api.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(expr));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            return (0, root.TryGetProperty("error", out var error) ? error.GetString() : "error");
        }

        var result = root.GetProperty("data").GetProperty("result");
        return (result.ValueKind == JsonValueKind.Array ? result.GetArrayLength() : 1, null);
    }

    /// <summary>How many samples Prometheus has scraped of a metric.</summary>
    public async Task<double> ScalarAsync(string expr)
    {
        using var document = JsonDocument.Parse(await _api.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(expr)));
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? 0 : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// From Prometheus's own /metrics: how many alerts it has sent to each Alertmanager
    /// (<c>prometheus_notifications_sent_total</c>, by the Alertmanager's alerts URL).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double>> NotificationsSentAsync()
    {
        var text = await _api.GetStringAsync("metrics");
        return NotificationsSentLine().Matches(text).ToDictionary(
            m => m.Groups["alertmanager"].Value,
            m => double.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await ChildProcesses.StopAsync(_process);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The meta-monitoring alerts, which keep their shipped <c>for:</c>.</summary>
    private static readonly HashSet<string> KeepFor = new(StringComparer.Ordinal)
    {
        "PartnerCenterRecordingRulesMissing", "PartnerCenterTargetDown", "PartnerCenterMetricOverflow",
    };

    /// <summary>Sets <c>for: 0s</c> in every alert rule but the meta-monitoring ones.</summary>
    private static string ShortenFor(string rules) =>
        AlertBlock().Replace(rules, block => KeepFor.Contains(block.Groups["name"].Value)
            ? block.Value
            : ForLine().Replace(block.Value, "${indent}for: 0s"));

    [GeneratedRegex(@"(?m)^prometheus_notifications_sent_total\{alertmanager=""(?<alertmanager>[^""]+)""\} (?<count>\S+)$")]
    private static partial Regex NotificationsSentLine();

    [GeneratedRegex(@"(?m)^(?<indent>[ ]*)for: \S+$")]
    private static partial Regex ForLine();

    [GeneratedRegex(@"(?ms)^[ ]*- alert: (?<name>\w+)$.*?(?=^[ ]*- alert: |\z)")]
    private static partial Regex AlertBlock();

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
