using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>An alert that was firing for an incident's job at a check time.</summary>
internal sealed record FiredAlert(string Alert, string Owner, string Severity);

/// <summary>What the policy expected of an incident, and whether the rules agreed.</summary>
internal sealed record IncidentOutcome(Incident Incident, string Expectation, IReadOnlyList<string> Disagreements)
{
    public bool Agrees => Disagreements.Count == 0;
}

/// <summary>
/// Plays incidents through promtool against rule files and judges each one with the policy. Many incidents share one
/// promtool test (each is its own job), and every check expects no alert: promtool's failure report then lists what
/// did fire, alert by alert and time by time, which is what the judge reads.
/// </summary>
internal static partial class IncidentRun
{
    /// <summary>Check times: every 10 minutes from minute 30 to the end of the incidents.</summary>
    public static IReadOnlyList<int> CheckTimes { get; } = [.. Enumerable.Range(3, (IncidentGenerator.Minutes / 10) - 2).Select(i => i * 10)];

    /// <summary>Series per promtool run: its cost grows faster than the series, so big fleets get a run of their own.</summary>
    private const int SeriesPerRun = 700;

    public static IReadOnlyList<IncidentOutcome> Run(AlertPolicy policy, IReadOnlyList<Incident> incidents, string recordingRules, string alertRules)
    {
        var alertNames = Rules.Load(alertRules).Select(r => r.Name).Concat(policy.Rows.Select(r => r.Alert)).Distinct(StringComparer.Ordinal).ToList();
        var series = incidents.ToDictionary(i => i.Id, i => IncidentTraffic.Series(i, policy));
        var fired = new Dictionary<(string Job, int Minute), List<FiredAlert>>();
        var directory = Directory.CreateTempSubdirectory("pc-incidents-");
        try
        {
            var pruned = Path.Combine(directory.FullName, "recording-used-by-alerts.yaml");
            File.WriteAllText(pruned, RulesTheAlertsUse(recordingRules, alertRules));
            var chunks = new List<List<Incident>> { new() };
            var size = 0;
            foreach (var incident in incidents)
            {
                if (size > 0 && size + series[incident.Id].Count > SeriesPerRun)
                {
                    chunks.Add([]);
                    size = 0;
                }

                chunks[^1].Add(incident);
                size += series[incident.Id].Count;
            }

            var outputs = new string[chunks.Count];
            Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, index =>
            {
                var file = Path.Combine(directory.FullName, $"incidents-{index}.test.yaml");
                File.WriteAllText(file, TestFile(chunks[index].SelectMany(i => series[i.Id]), alertNames, pruned, alertRules));
                var (exit, output) = Promtool.Run(directory.FullName, "test", "rules", file);
                Assert.True(exit == 0 || output.Contains("FAILED", StringComparison.Ordinal), $"promtool could not run the incidents:\n{output[..Math.Min(output.Length, 4000)]}");
                outputs[index] = output;
            });
            foreach (var output in outputs)
            {
                Parse(output, fired);
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("PC_ALERT_INCIDENTS_KEEP") != "1")
            {
                directory.Delete(recursive: true);
            }
        }

        return [.. incidents.Select(i => Judge(policy, i, series[i.Id], fired))];
    }

    /// <summary>
    /// The recording rules the alerts read, directly or through other recording rules, as they are: the rules that
    /// only the dashboards read (30-day budget, per-status rates ...) cost promtool time and decide nothing here.
    /// </summary>
    private static string RulesTheAlertsUse(string recordingRules, string alertRules)
    {
        var recording = Rules.Load(recordingRules);
        var byName = recording.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Rules.Load(alertRules).Select(a => a.Expr));
        while (pending.Count > 0)
        {
            foreach (Match name in RecordedName().Matches(pending.Pop()))
            {
                if (byName.TryGetValue(name.Value, out var rules) && needed.Add(name.Value))
                {
                    rules.ForEach(r => pending.Push(r.Expr));
                }
            }
        }

        var text = new StringBuilder("groups:\n");
        foreach (var group in recording.Where(r => needed.Contains(r.Name)).GroupBy(r => r.Group, StringComparer.Ordinal))
        {
            text.Append("  - name: ").Append(group.Key).Append("\n    rules:\n");
            foreach (var rule in group)
            {
                text.Append("      - record: ").Append(rule.Name).Append('\n');
                if (rule.Node["labels"] is System.Text.Json.Nodes.JsonObject labels)
                {
                    text.Append("        labels:\n");
                    foreach (var (key, value) in labels)
                    {
                        text.Append("          ").Append(key).Append(": '").Append(value.Text()).Append("'\n");
                    }
                }

                text.Append("        expr: |\n").Append(string.Join('\n', rule.Expr.TrimEnd().Split('\n').Select(l => "          " + l))).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string TestFile(IEnumerable<IncidentSeries> series, IReadOnlyList<string> alertNames, string recordingRules, string alertRules)
    {
        var text = new StringBuilder();
        text.Append("rule_files:\n  - ").Append(recordingRules).Append("\n  - ").Append(alertRules).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"evaluation_interval: {IncidentGenerator.Step}m\ntests:\n  - interval: {IncidentGenerator.Step}m\n    input_series:\n");
        foreach (var s in series)
        {
            text.Append("      - series: '").Append(s.Selector).Append("'\n        values: '").Append(s.PromtoolValues()).Append("'\n");
        }

        text.Append("    alert_rule_test:\n");
        foreach (var minute in CheckTimes)
        {
            foreach (var alert in alertNames)
            {
                text.Append(CultureInfo.InvariantCulture, $"      - {{eval_time: {minute}m, alertname: {alert}, exp_alerts: []}}\n");
            }
        }

        return text.ToString();
    }

    private static void Parse(string output, Dictionary<(string Job, int Minute), List<FiredAlert>> fired)
    {
        var minute = 0;
        foreach (var line in output.Split('\n'))
        {
            if (Header().Match(line) is { Success: true } header)
            {
                minute = (int)Duration(header.Groups["t"].Value);
                continue;
            }

            if (LabelsLine().Match(line) is { Success: true } labels)
            {
                var map = LabelPair().Matches(labels.Groups["l"].Value).ToDictionary(m => m.Groups["k"].Value, m => m.Groups["v"].Value, StringComparer.Ordinal);
                var key = (map.GetValueOrDefault("job", ""), minute);
                if (!fired.TryGetValue(key, out var list))
                {
                    fired[key] = list = [];
                }

                list.Add(new FiredAlert(map["alertname"], map.GetValueOrDefault("owner", ""), map.GetValueOrDefault("severity", "")));
            }
        }
    }

    private static double Duration(string text)
    {
        double minutes = 0;
        foreach (Match part in DurationPart().Matches(text))
        {
            var value = double.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture);
            minutes += part.Groups["u"].Value switch { "h" => value * 60, "m" => value, "s" => value / 60, _ => 0 };
        }

        return minutes;
    }

    private static IncidentOutcome Judge(AlertPolicy policy, Incident incident, IReadOnlyList<IncidentSeries> series, Dictionary<(string Job, int Minute), List<FiredAlert>> fired)
    {
        var oracle = new PolicyOracle(policy, series);
        var verdicts = policy.Rows.ToDictionary(r => r, r => Enumerable.Range(0, IncidentGenerator.Minutes + 1).Select(m => oracle.At(r, incident.Job, m)).ToArray());
        var disagreements = new List<string>();
        var mustPage = false;
        var mustTicket = false;
        foreach (var minute in CheckTimes)
        {
            var got = fired.GetValueOrDefault((incident.Job, minute)) ?? [];
            foreach (var (row, v) in verdicts)
            {
                var lag = row.ForMinutes + 15;
                if (minute - lag < 0 || !Enumerable.Range(minute - lag, lag + 1).All(m => v[m] == Verdict.Act))
                {
                    continue;
                }

                mustPage |= row.Severity == "critical";
                mustTicket |= row.Severity == "warning";
                if (!got.Any(a => a.Alert == row.Alert && a.Owner == row.Owner && a.Severity == row.Severity))
                {
                    disagreements.Add($"{minute}m: {row.Alert} ({row.Owner}, {row.Severity}) must fire; fired: {Describe(got)}");
                }
            }

            foreach (var alert in got.DistinctBy(a => a.Alert))
            {
                if (!Allowed(policy, incident, verdicts, alert, minute))
                {
                    disagreements.Add($"{minute}m: {alert.Alert} ({alert.Owner}, {alert.Severity}) fired but the policy says nothing of it may");
                }
            }
        }

        var silent = verdicts.Values.All(v => v.All(x => x == Verdict.Silent));
        var expectation = mustPage ? "page" : mustTicket ? "ticket" : silent ? "silent" : "grey";
        return new IncidentOutcome(incident, expectation, disagreements);
    }

    private static bool Allowed(AlertPolicy policy, Incident incident, Dictionary<PolicyRow, Verdict[]> verdicts, FiredAlert alert, int minute)
    {
        if (alert.Alert == "PartnerCenterTargetDown")
        {
            return incident.ScrapeGapAt >= 0 && minute >= incident.ScrapeGapAt;
        }

        if (alert.Alert == "PartnerCenterMetricOverflow")
        {
            return incident.Overflow;
        }

        return verdicts.Any(p => p.Key.Alert == alert.Alert && p.Key.Owner == alert.Owner && p.Key.Severity == alert.Severity
            && Enumerable.Range(0, minute + 1).Where(m => m >= minute - Lookback(policy, p.Key)).Any(m => p.Value[m] != Verdict.Silent));
    }

    /// <summary>How long after the row stops acting its alert may still fire: the window, for, keep_firing_for, margin.</summary>
    private static int Lookback(AlertPolicy policy, PolicyRow row) =>
        (row.Burn ? row.Pairs.Max(p => p.LongMinutes) : policy.WindowMinutes) + row.ForMinutes + policy.KeepFiringMinutes + 10;

    private static string Describe(List<FiredAlert> got) =>
        got.Count == 0 ? "nothing" : string.Join("; ", got.Distinct().Select(a => $"{a.Alert} ({a.Owner}, {a.Severity})"));

    [GeneratedRegex("partner_center:[a-z0-9_:]+")]
    private static partial Regex RecordedName();

    [GeneratedRegex(@"alertname: (?<a>\S+), time: (?<t>[0-9hms.]+),")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s*Labels:\{(?<l>.*)\}\s*$")]
    private static partial Regex LabelsLine();

    [GeneratedRegex("(?<k>[a-zA-Z_]+)=\"(?<v>[^\"]*)\"")]
    private static partial Regex LabelPair();

    [GeneratedRegex(@"(?<n>[0-9.]+)(?<u>[hms])")]
    private static partial Regex DurationPart();
}
