using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1, with the shipped
/// dashboards/alertmanager/partner-center.yml: its example webhook URLs point at <see cref="WebhookReceiver"/> and its
/// group_wait values are shortened; routes, grouping, group_interval, repeat_interval and inhibitions are as shipped.
/// Clustering is off, or, given a gossip port and peers, on (a replica of an HA pair). Stopped by its PID.
/// </summary>
internal sealed partial class AlertmanagerServer : IAsyncDisposable
{
    /// <summary>
    /// group_wait in the test: long enough for an inhibiting alert that fires in the same rule evaluation (or the next
    /// few) to arrive before the group is flushed, short enough to keep the test quick. group_interval stays as shipped
    /// (5 minutes and more), so that within a test run each group notifies exactly once.
    /// </summary>
    public static readonly TimeSpan GroupWait = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log = new();
    private bool _stopped;

    private AlertmanagerServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Authority = $"127.0.0.1:{port}";
        ExternalUrl = $"http://{Authority}/";
    }

    /// <summary>host:port, for Prometheus's alerting configuration.</summary>
    public string Authority { get; }

    /// <summary>Its <c>--web.external-url</c>, which its webhook notifications carry as <c>externalURL</c>.</summary>
    public string ExternalUrl { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static Task<AlertmanagerServer> StartAsync(Uri receivers) =>
        StartAsync(receivers, ChildProcesses.FreePort(), gossipPort: null, peerGossipPorts: []);

    /// <summary>
    /// Starts a replica of a cluster: gossip on 127.0.0.1:<paramref name="gossipPort"/>, joining the peers' gossip ports.
    /// The gossip and state-sync intervals and the settle timeout are shortened so that a cluster on loopback is ready
    /// in seconds; the peer timeout (how long the second replica waits for the first one's notification log before
    /// sending itself) keeps Alertmanager's default, 15 s: deduplication must hold on a loaded machine too.
    /// </summary>
    public static Task<AlertmanagerServer> StartReplicaAsync(Uri receivers, int port, int gossipPort, IReadOnlyList<int> peerGossipPorts) =>
        StartAsync(receivers, port, gossipPort, peerGossipPorts);

    private static async Task<AlertmanagerServer> StartAsync(Uri receivers, int port, int? gossipPort, IReadOnlyList<int> peerGossipPorts)
    {
        var executable = Prerequisite.Executable("prometheus-alertmanager", "prometheus-alertmanager is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus-alertmanager package.");
        var directory = Directory.CreateTempSubdirectory("pc-alertmanager-").FullName;
        var config = Path.Combine(directory, "alertmanager.yml");
        var shipped = await File.ReadAllTextAsync(Repo.AlertmanagerConfig);
        Assert.Contains("http://alert-receiver.example/", shipped, StringComparison.Ordinal);
        var text = GroupWaitLine().Replace(
            shipped.Replace("http://alert-receiver.example/", receivers.ToString(), StringComparison.Ordinal),
            $"${{indent}}group_wait: {(int)GroupWait.TotalSeconds}s");
        await File.WriteAllTextAsync(config, text);

        string[] cluster = gossipPort is null
            ? ["--cluster.listen-address="]
            : [
                $"--cluster.listen-address=127.0.0.1:{gossipPort}",
                .. peerGossipPorts.Select(p => $"--cluster.peer=127.0.0.1:{p}"),
                "--cluster.peer-timeout=15s",
                "--cluster.gossip-interval=50ms",
                "--cluster.pushpull-interval=1s",
                "--cluster.reconnect-interval=1s",
                "--cluster.settle-timeout=5s",
            ];
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [$"--config.file={config}", $"--storage.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}", $"--web.external-url=http://127.0.0.1:{port}/", "--log.level=warn", .. cluster];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var server = new AlertmanagerServer(ChildProcessGuard.Start(start), directory, port);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        // Bounded: 240 tries of 250 ms (a minute) for a process that is ready in well under a second when idle.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 240; i++)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri($"http://{server.Authority}/-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(server._process.HasExited, "prometheus-alertmanager exited:\n" + server.Log);
            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("prometheus-alertmanager did not become ready within a minute:\n" + server.Log);
    }

    /// <summary>The alerts Alertmanager holds now: name, state (active, suppressed) and how many alerts inhibit it.</summary>
    public async Task<IReadOnlyList<(string Name, string State, int InhibitedBy, string Operation)>> AlertsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://{Authority}/api/v2/alerts")));
        return [.. document.RootElement.EnumerateArray().Select(a => (
            a.GetProperty("labels").GetProperty("alertname").GetString() ?? "",
            a.GetProperty("status").GetProperty("state").GetString() ?? "",
            a.GetProperty("status").GetProperty("inhibitedBy").GetArrayLength(),
            a.GetProperty("labels").TryGetProperty("partner_center_operation", out var operation) ? operation.GetString() ?? "" : ""))];
    }

    /// <summary>The cluster as this replica sees it: its status (disabled, settling, ready) and its peers' count.</summary>
    public async Task<(string Status, int Peers)> ClusterAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri($"http://{Authority}/api/v2/status")));
        var cluster = document.RootElement.GetProperty("cluster");
        return (
            cluster.GetProperty("status").GetString() ?? "",
            cluster.TryGetProperty("peers", out var peers) && peers.ValueKind == JsonValueKind.Array ? peers.GetArrayLength() : 0);
    }

    /// <summary>Kills the process (a replica that dies); <see cref="DisposeAsync"/> then only removes its files.</summary>
    public async Task KillAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await ChildProcesses.StopAsync(_process);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

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

    [GeneratedRegex(@"(?m)^(?<indent>[ ]*)group_wait: \S+$")]
    private static partial Regex GroupWaitLine();
}
