using System.Text.Json.Nodes;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>A Prometheus recording or alerting rule.</summary>
internal sealed record Rule(string File, string Group, string? Record, string? Alert, string Expr, JsonNode Node)
{
    public string Name => Record ?? Alert ?? "";

    public string Label(string name) => Node["labels"]?[name].Text() ?? "";

    public string Annotation(string name) => Node["annotations"]?[name].Text() ?? "";

    public string For => Node["for"].Text();
}

/// <summary>Reads the Prometheus rule files.</summary>
internal static class Rules
{
    public static IReadOnlyList<Rule> Load(string path) =>
        [.. Files.Yaml(path)["groups"].Items().SelectMany(group => group["rules"].Items().Select(rule => new Rule(
            Repo.Relative(path),
            group["name"].Text(),
            rule["record"]?.Text(),
            rule["alert"]?.Text(),
            rule["expr"].Text(),
            rule)))];

    public static IReadOnlyList<Rule> Recording => Load(Repo.RecordingRules);

    public static IReadOnlyList<Rule> Alerts => Load(Repo.AlertRules);

    /// <summary>Every name recorded by the recording rules: allowed in queries beside the library's own names.</summary>
    public static IReadOnlySet<string> RecordedNames => Recording.Select(rule => rule.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The expression with every recorded name replaced, recursively, by its rule's expression: what an alert
    /// really computes from the raw metrics.
    /// </summary>
    public static string Expand(string expr)
    {
        // A name recorded by several rules (one per policy kind, told apart by a label) is the union of their bodies.
        var recording = Recording.GroupBy(rule => rule.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" or ", g.Select(rule => "(" + rule.Expr + ")")), StringComparer.Ordinal);
        for (var depth = 0; depth < 10; depth++)
        {
            var next = PromQl.ReplaceMetricNames(expr, name => recording.TryGetValue(name, out var body) ? "(" + body + ")" : name);
            if (next == expr)
            {
                return expr;
            }

            expr = next;
        }

        throw new InvalidOperationException("recording rules refer to each other in a loop");
    }
}
