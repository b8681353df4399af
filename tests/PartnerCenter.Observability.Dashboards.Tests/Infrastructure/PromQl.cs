using System.Text;
using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>
/// Just enough of PromQL's lexical structure to list the metric and label names an expression uses, and to
/// substitute Grafana's variables. The syntax itself is checked by promtool.
/// </summary>
internal static partial class PromQl
{
    /// <summary>Grafana's built-in variables and the values used to check the queries offline.</summary>
    public static readonly IReadOnlyDictionary<string, string> GrafanaBuiltIns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["__rate_interval"] = "5m",
        ["__range"] = "1h",
        ["__interval"] = "1m",
        ["__range_s"] = "3600",
        ["__interval_ms"] = "60000",
    };

    private static readonly HashSet<string> GroupingKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end",

        // Aggregation operators: followed by "by (...)" or "without (...)" rather than by "(".
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
    };

    private enum Kind
    {
        Metric,
        Label,
    }

    private readonly record struct Token(Kind Kind, string Text, int Start);

    public static IReadOnlySet<string> MetricNames(string expr) =>
        Scan(expr).Where(t => t.Kind == Kind.Metric).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> LabelNames(string expr) =>
        Scan(expr).Where(t => t.Kind == Kind.Label).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);

    /// <summary>Replaces each metric name (not label names, functions or keywords) by what <paramref name="replace"/> returns.</summary>
    public static string ReplaceMetricNames(string expr, Func<string, string> replace)
    {
        var builder = new StringBuilder();
        var position = 0;
        foreach (var token in Scan(expr).Where(t => t.Kind == Kind.Metric))
        {
            builder.Append(expr, position, token.Start - position).Append(replace(token.Text));
            position = token.Start + token.Text.Length;
        }

        return builder.Append(expr, position, expr.Length - position).ToString();
    }

    /// <summary>The expression without string literals and comments: for checks on its operators.</summary>
    public static string WithoutStrings(string expr) => Comment().Replace(StringLiteral().Replace(expr, "\"\""), "");

    /// <summary>Label names in Grafana legends (<c>{{label}}</c>) and alert templates (<c>$labels.label</c>).</summary>
    public static IEnumerable<string> TemplateLabelNames(string text) =>
        LegendLabel().Matches(text).Select(m => m.Groups[1].Value).Where(name => name is not ("end" or "else"))
            .Concat(TemplateLabel().Matches(text).Select(m => m.Groups[1].Value));

    /// <summary>
    /// Replaces Grafana's variables by plain values: built-ins by durations, dashboard variables by <paramref name="value"/>.
    /// Returns the names of the dashboard variables used.
    /// </summary>
    public static string SubstituteGrafanaVariables(string expr, ISet<string> used, string value = "x") =>
        GrafanaVariable().Replace(expr, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            if (GrafanaBuiltIns.TryGetValue(name, out var builtIn))
            {
                return builtIn;
            }

            used.Add(name);
            return value;
        });

    /// <summary>The label matchers (<c>name op "value"</c>) whose value uses a Grafana variable: (label, operator, variable).</summary>
    public static IEnumerable<(string Label, string Operator, string Variable)> VariableMatchers(string expr) =>
        VariableMatcher().Matches(expr).Select(m => (m.Groups["label"].Value, m.Groups["op"].Value, m.Groups["var"].Value));

    /// <summary>Splits a Grafana <c>label_values(selector, label)</c> query.</summary>
    public static (string Selector, string Label)? LabelValuesQuery(string query)
    {
        var m = LabelValues().Match(query.Trim());
        return m.Success ? (m.Groups["selector"].Value, m.Groups["label"].Value) : null;
    }

    private static List<Token> Scan(string expr)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < expr.Length)
        {
            var c = expr[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(expr, i);
            }
            else if (c == '#')
            {
                while (i < expr.Length && expr[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '{')
            {
                var end = SkipTo(expr, i, '}');
                tokens.AddRange(MatcherLabel().Matches(WithoutStrings(expr[(i + 1)..end])).Select(m => new Token(Kind.Label, m.Groups[1].Value, -1)));
                i = end + 1;
            }
            else if (c == '[')
            {
                i = SkipTo(expr, i, ']') + 1;
            }
            else if (char.IsAsciiLetter(c) || c is '_' or ':')
            {
                var start = i;
                while (i < expr.Length && (char.IsAsciiLetterOrDigit(expr[i]) || expr[i] is '_' or ':'))
                {
                    i++;
                }

                var word = expr[start..i];
                var preceded = start > 0 && (char.IsAsciiLetterOrDigit(expr[start - 1]) || expr[start - 1] == '.');
                var next = i;
                while (next < expr.Length && char.IsWhiteSpace(expr[next]))
                {
                    next++;
                }

                var call = next < expr.Length && expr[next] == '(';
                if (GroupingKeywords.Contains(word) && call)
                {
                    var end = SkipTo(expr, next, ')');
                    tokens.AddRange(expr[(next + 1)..end].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(label => new Token(Kind.Label, label, -1)));
                    i = end + 1;
                }
                else if (!preceded && !call && !Keywords.Contains(word) && !GroupingKeywords.Contains(word))
                {
                    tokens.Add(new Token(Kind.Metric, word, start));
                }
            }
            else
            {
                i++;
            }
        }

        return tokens;
    }

    private static int SkipString(string expr, int start)
    {
        var quote = expr[start];
        var i = start + 1;
        while (i < expr.Length && expr[i] != quote)
        {
            i += expr[i] == '\\' && quote != '`' ? 2 : 1;
        }

        return i + 1;
    }

    private static int SkipTo(string expr, int start, char close)
    {
        var i = start + 1;
        while (i < expr.Length && expr[i] != close)
        {
            i = expr[i] is '"' or '\'' or '`' ? SkipString(expr, i) : i + 1;
        }

        return Math.Min(i, expr.Length - 1);
    }

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherLabel();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")]
    private static partial Regex LegendLabel();

    [GeneratedRegex(@"\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)")]
    private static partial Regex TemplateLabel();

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::[\w]+)?\}|\$(?<plain>\w+)")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*""[^""]*\$\{?(?<var>\w+)")]
    private static partial Regex VariableMatcher();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*\)$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();
}
