using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>One row of dashboards/alerting-policy.yaml: a kind of failure, its alert, owner, severity and threshold.</summary>
internal sealed record PolicyRow(
    string Kind,
    string Alert,
    string Owner,
    string Severity,
    double Fraction,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<(string Label, bool Equal, string Value)> Select,
    string? RetriedCategory,
    int ForMinutes,
    IReadOnlyList<BurnPair> Pairs)
{
    public bool Burn => Pairs.Count > 0;

    /// <summary>Whether a series' labels match the row's selector (a missing label is the empty string, as in PromQL).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        Select.All(m => (labels.TryGetValue(m.Label, out var v) ? v : "") == m.Value == m.Equal);
}

/// <summary>A multiwindow burn-rate pair: long and short window, factor of the error budget, and its <c>for</c>.</summary>
internal sealed record BurnPair(int LongMinutes, int ShortMinutes, double Factor, int ForMinutes);

/// <summary>The paging policy table, read from dashboards/alerting-policy.yaml.</summary>
internal sealed partial record AlertPolicy(
    IReadOnlyList<PolicyRow> Rows,
    IReadOnlyList<(string Alert, string Owner, string Severity)> Meta,
    int WindowMinutes,
    int RecoveryMinutes,
    double MinFailures,
    double LowVolumeFailures,
    int KeepFiringMinutes,
    double Objective)
{
    public static string Path => System.IO.Path.Combine(Repo.Dashboards, "alerting-policy.yaml");

    public static AlertPolicy Load()
    {
        var root = Files.Yaml(Path);
        var rows = root["rows"].Items().Select(row =>
        {
            var burn = row["burn"].Items().ToList();
            return new PolicyRow(
                row["kind"].Text(),
                row["alert"].Text(),
                row["owner"].Text(),
                row["severity"].Text(),
                row["fraction"].Number(),
                [.. row["scopes"].Items().Select(s => s.Text())],
                [.. Matcher().Matches(row["select"].Text()).Select(m => (m.Groups["l"].Value, m.Groups["op"].Value == "=", m.Groups["v"].Value))],
                row["retried_category"]?.Text() is { Length: > 0 } retried ? retried : null,
                burn.Count > 0 ? Minutes(burn[0]["for"].Text()) : Minutes(root["for"].Text()),
                [.. burn.Select(b => new BurnPair(Minutes(b["long"].Text()), Minutes(b["short"].Text()), b["factor"].Number(), Minutes(b["for"].Text())))]);
        });
        return new AlertPolicy(
            [.. rows],
            [.. root["meta"].Items().Select(m => (m["alert"].Text(), m["owner"].Text(), m["severity"].Text()))],
            Minutes(root["window"].Text()),
            Minutes(root["recovery_window"].Text()),
            root["min_failures"].Number(),
            root["low_volume_failures"].Number(),
            Minutes(root["keep_firing_for"].Text()),
            root["slo"]!["objective"].Number());
    }

    /// <summary>The kinds a generated incident can fail with (the overflow and slow-burn rows are features, not kinds).</summary>
    public IReadOnlyList<string> IncidentKinds =>
        [.. Rows.Select(r => r.Kind).Where(k => k is not ("server_errors_slow" or "overflow_errors")).Distinct(StringComparer.Ordinal)];

    public static int Minutes(string duration)
    {
        var value = int.Parse(duration[..^1], CultureInfo.InvariantCulture);
        return duration[^1] switch
        {
            'm' => value,
            'h' => value * 60,
            'd' => value * 1440,
            _ => throw new FormatException(duration),
        };
    }

    [GeneratedRegex("(?<l>[a-z_]+)(?<op>!?=)\"(?<v>[^\"]*)\"")]
    private static partial Regex Matcher();
}
