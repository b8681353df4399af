using System.Diagnostics;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

namespace PartnerCenter.Observability.EndToEnd.Tests;

/// <summary>
/// The standard production shape, live: two Prometheus replicas with the same rules, each sending to both replicas of an
/// Alertmanager cluster (gossip on loopback), which routes with the shipped dashboards/alertmanager/partner-center.yml.
/// With both Alertmanagers running, an alert reaches its owner's receiver exactly once (the replicas deduplicate
/// through the notification log they gossip); after the Alertmanager that sent it is killed, a new alert is still
/// delivered, once, by the survivor.
/// </summary>
/// <remarks>
/// The alerting path is what is under test, not the rules: the replicas evaluate one tiny rule on a target whose
/// series the test sets, so that the alert fires a scrape and an evaluation (a second each) after Prometheus starts.
/// The shipped rules on real traffic are the subject of <see cref="LivePrometheusTests"/>.
/// </remarks>
public sealed class HighAvailabilityLiveTests(ITestOutputHelper output)
{
    private const string Job = "partner-center-app";

    /// <summary>An alert per series, owned by the credentials owner and critical: its pager receiver gets it.</summary>
    private const string Rules = """
        groups:
          - name: partner-center-ha-probe
            rules:
              - alert: PartnerCenterHaProbe
                expr: partner_center_ha_probe > 0
                labels:
                  owner: credentials
                  severity: critical
                annotations:
                  summary: An alert of the HA test on {{ $labels.partner_center_operation }}.
        """;

    private const string Receiver = "partner-center-credentials-pager";

    /// <summary>
    /// Bound of every wait. On an idle machine the cluster is ready in about 3 seconds and an alert is delivered about
    /// 8 seconds after Prometheus starts (a scrape, an evaluation, the 5 s group_wait); a loaded 2-core machine can stall a
    /// process for tens of seconds. Each wait ends as soon as its condition holds.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long to keep listening for a duplicate after the first notification: the second Alertmanager sends (if the
    /// gossiped notification log does not tell it the first one did) a peer timeout (15 s) after its own group_wait.
    /// Both replicas get the alert within the same second (each Prometheus sends to both), so 5 s more covers the skew.
    /// </summary>
    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_prometheus_and_two_clustered_alertmanagers_notify_once_and_survive_the_loss_of_an_alertmanager()
    {
        Prerequisite.Require(Promtool.FindOnPath("prometheus") is null, "prometheus is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus package.");
        Prerequisite.Require(Promtool.FindOnPath("prometheus-alertmanager") is null, "prometheus-alertmanager is not on PATH: the README test command (eng/test.sh) installs Debian's prometheus-alertmanager package.");
        var clock = Stopwatch.StartNew();
        await using var webhooks = await WebhookReceiver.StartAsync();
        await using var target = await StaticMetricsEndpoint.StartAsync(Exposition("orders.create"));
        List<DeliveredAlert> Firing(string operation) => [.. webhooks.Delivered
            .Select(d => d.Alert)
            .Where(a => a is { Name: "PartnerCenterHaProbe", Status: "firing" } && a.Labels.GetValueOrDefault("partner_center_operation") == operation)];

        int[] ports = [ChildProcesses.FreePort(), ChildProcesses.FreePort()];
        int[] gossip = [ChildProcesses.FreePort(), ChildProcesses.FreePort()];
        await using var first = await AlertmanagerServer.StartReplicaAsync(webhooks.BaseAddress, ports[0], gossip[0], [gossip[1]]);
        await using var second = await AlertmanagerServer.StartReplicaAsync(webhooks.BaseAddress, ports[1], gossip[1], [gossip[0]]);
        AlertmanagerServer[] alertmanagers = [first, second];

        // The cluster: both replicas see both peers and have settled.
        var cluster = await WaitAsync(
            async () => await Task.WhenAll(alertmanagers.Select(a => a.ClusterAsync())),
            states => states.All(s => s is ("ready", 2)));
        Assert.True(cluster.Done, $"the Alertmanager cluster did not settle within {Bound.TotalMinutes} minutes: [{string.Join(", ", cluster.Last)}]\n{first.Log}\n{second.Log}");
        output.WriteLine($"cluster ready after {clock.Elapsed.TotalSeconds:F1} s");

        string[] authorities = [first.Authority, second.Authority];
        await using var replicaA = await PrometheusServer.StartReplicaAsync(target.MetricsUrl, Job, "a", Rules, authorities);
        await using var replicaB = await PrometheusServer.StartReplicaAsync(target.MetricsUrl, Job, "b", Rules, authorities);
        PrometheusServer[] prometheus = [replicaA, replicaB];

        // Phase 1: the alert is delivered, both Alertmanagers hold it and both Prometheus replicas have sent to both.
        var delivered = await WaitAsync(
            async () => (Firing("orders.create"), await Task.WhenAll(alertmanagers.Select(a => a.AlertsAsync())), await Task.WhenAll(prometheus.Select(p => p.NotificationsSentAsync()))),
            s => s.Item1.Count > 0
                && s.Item2.All(held => held.Any(a => a is ("PartnerCenterHaProbe", "active", 0, _)))
                && s.Item3.All(sent => authorities.All(a => sent.Any(kv => kv.Key.Contains(a, StringComparison.Ordinal) && kv.Value > 0))));
        var context = $"delivered: [{string.Join("; ", webhooks.Delivered.Select(d => d.Alert + " from " + d.Alert.Sender))}]; held: [{string.Join(" | ", delivered.Last.Item2.Select(h => string.Join(", ", h)))}]; sent: [{string.Join(" | ", delivered.Last.Item3.Select(s => string.Join(", ", s)))}]";
        Assert.True(delivered.Done, $"the first alert was not delivered within {Bound.TotalMinutes} minutes by the pair: {context}\n{first.Log}\n{second.Log}\n{replicaA.Log}\n{replicaB.Log}");
        output.WriteLine($"first alert delivered after {clock.Elapsed.TotalSeconds:F1} s by {delivered.Last.Item1[0].Sender}");

        // No duplicate: not from the other Alertmanager (gossip), nor from the other Prometheus (its replica label is dropped).
        await Task.Delay(DuplicateWindow);
        var once = Firing("orders.create");
        context = $"delivered: [{string.Join("; ", webhooks.Delivered.Select(d => d.Alert + " from " + d.Alert.Sender))}]";
        Assert.True(once.Count == 1, $"with both Alertmanagers running, the alert must be notified exactly once: {context}");
        Assert.Equal(Receiver, once[0].Receiver);
        Assert.False(once[0].Labels.ContainsKey("replica"), context);

        // Phase 2: the Alertmanager that sent dies; a new alert (another operation, so another group) still arrives.
        var sender = alertmanagers.Single(a => a.ExternalUrl == once[0].Sender.TrimEnd('/') + "/");
        var survivor = alertmanagers.Single(a => a != sender);
        await sender.KillAsync();
        var killedAt = clock.Elapsed;
        target.Exposition = Exposition("orders.create", "customers.get");
        var failover = await WaitAsync(() => Task.FromResult(Firing("customers.get")), d => d.Count > 0);
        context = $"delivered: [{string.Join("; ", webhooks.Delivered.Select(d => d.Alert + " from " + d.Alert.Sender))}]";
        Assert.True(failover.Done, $"after one Alertmanager was killed, no alert was delivered within {Bound.TotalMinutes} minutes: {context}\n{survivor.Log}");
        Assert.True(failover.Last.Count == 1, $"the survivor must notify the new alert once: {context}");
        Assert.Equal(survivor.ExternalUrl, failover.Last[0].Sender.TrimEnd('/') + "/");
        Assert.Equal(Receiver, failover.Last[0].Receiver);
        Assert.Single(Firing("orders.create"));
        output.WriteLine($"after the kill at {killedAt.TotalSeconds:F1} s, the survivor delivered the new alert at {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The target's exposition: one probe series per operation.</summary>
    private static string Exposition(params string[] operations) =>
        "# TYPE partner_center_ha_probe gauge\n" + string.Concat(operations.Select(o => $"partner_center_ha_probe{{partner_center_operation=\"{o}\"}} 1\n"));

    /// <summary>Polls every half second until <paramref name="done"/> holds or <see cref="Bound"/> passes.</summary>
    private static async Task<(bool Done, T Last)> WaitAsync<T>(Func<Task<T>> poll, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        var last = await poll();
        while (!done(last) && clock.Elapsed < Bound)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            last = await poll();
        }

        return (done(last), last);
    }
}
