using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>
/// grafana/dashboard-linter's rules that apply to these dashboards, applied to the JSON: <c>$__rate_interval</c> in
/// every <c>rate</c>; <c>job</c> and <c>instance</c> matchers on every selector; counters (and histogram series) only
/// inside <c>rate</c> or <c>increase</c>; a unit and a description on every panel; <c>allValue ".+"</c> on
/// multi-value variables; <c>editable: false</c> (the dashboards are provisioned from files). One exception, named:
/// the "born inside the range" correction <c>(X unless X offset $__range)</c> reads a counter's raw value, because a
/// series that first appears inside the range has no earlier sample for <c>increase</c> to subtract.
/// </summary>
internal static partial class DashboardLint
{
    public static IReadOnlyList<string> Findings(JsonNode root, string file)
    {
        var findings = new List<string>();
        if (root["editable"].Flag())
        {
            findings.Add($"{file}: editable should be false for a provisioned dashboard");
        }

        foreach (var variable in root["templating"]?["list"].Items() ?? [])
        {
            if (variable["includeAll"].Flag() && variable["allValue"].Text() != ".+")
            {
                findings.Add($"{file}: variable '{variable["name"].Text()}' allValue should be \".+\", not \"{variable["allValue"].Text()}\"");
            }
        }

        foreach (var panel in root["panels"].Items().Where(p => p["type"].Text() != "row"))
        {
            var where = $"{file} panel '{panel["title"].Text()}'";
            if (string.IsNullOrWhiteSpace(panel["description"].Text()))
            {
                findings.Add($"{where}: no description");
            }

            if (string.IsNullOrWhiteSpace(panel["fieldConfig"]?["defaults"]?["unit"].Text()))
            {
                findings.Add($"{where}: no unit");
            }

            foreach (var target in panel["targets"].Items())
            {
                findings.AddRange(QueryFindings(target["expr"].Text(), $"{where} target {target["refId"].Text()}"));
            }
        }

        return findings;
    }

    public static IEnumerable<string> QueryFindings(string expr, string where)
    {
        foreach (Match window in RangeWindow().Matches(expr))
        {
            var function = window.Groups["fn"].Value;
            var range = window.Groups["w"].Value.Trim();
            if (function is "rate" or "irate" && range != "$__rate_interval")
            {
                yield return $"{where}: {function}(...[{range}]) should use [$__rate_interval]";
            }
            else if (function == "increase" && range is not "$__rate_interval" and not "$__range")
            {
                yield return $"{where}: increase(...[{range}]) should use $__rate_interval or $__range";
            }
        }

        foreach (Match selector in Selector().Matches(expr))
        {
            var name = selector.Groups["m"].Value;
            if (Keywords.Contains(name))
            {
                continue;
            }

            var matchers = selector.Groups["l"].Value;
            if (!Regex.IsMatch(matchers, @"\bjob\s*=~?\s*""\$\{?job") || !Regex.IsMatch(matchers, @"\binstance\s*=~?\s*""\$\{?instance"))
            {
                yield return $"{where}: {name} has no job and instance matchers";
            }

            if (IsCounterSeries(name) && !InsideRateOrIncrease(expr, selector) && !BornInRangeIdiom(expr, selector))
            {
                yield return $"{where}: counter {name} read outside rate() or increase()";
            }
        }
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right" };

    private static bool IsCounterSeries(string name) =>
        !name.Contains(':', StringComparison.Ordinal) && (name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_count", StringComparison.Ordinal)
            || name.EndsWith("_sum", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal));

    private static bool InsideRateOrIncrease(string expr, Match selector)
    {
        var before = expr[..selector.Index].TrimEnd();
        var after = expr[(selector.Index + selector.Length)..].TrimStart();
        return Regex.IsMatch(before, @"\b(rate|irate|increase)\($") && after.StartsWith('[');
    }

    private static bool BornInRangeIdiom(string expr, Match selector)
    {
        var before = expr[..selector.Index].TrimEnd();
        var after = expr[(selector.Index + selector.Length)..].TrimStart();
        return (before.EndsWith('(') && after.StartsWith("unless ", StringComparison.Ordinal))
            || (before.EndsWith("unless", StringComparison.Ordinal) && after.StartsWith("offset $__range)", StringComparison.Ordinal));
    }

    /// <summary>A metric name followed by its matchers (label values may hold braces: strings are skipped whole).</summary>
    [GeneratedRegex("""(?<![\w:"])(?<m>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{(?<l>(?:[^}"]|"(?:[^"\\]|\\.)*")*)\}""")]
    private static partial Regex Selector();

    [GeneratedRegex("""\b(?<fn>[a-z_]+)\(\s*[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\})?\s*\[(?<w>[^\]]+)\]""")]
    private static partial Regex RangeWindow();
}
