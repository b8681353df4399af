using System.Text.RegularExpressions;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>Every PromQL expression of the dashboards and of the runbooks is valid, with Grafana's variables substituted.</summary>
public sealed partial class DashboardQueryTests
{
    public static TheoryData<string> DashboardFiles => Repo.AsTheoryData(Repo.DashboardFiles);

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void Every_dashboard_query_is_valid_promql(string file)
    {
        Promtool.Require();
        var dashboard = Dashboard.All.Single(d => d.File == file);
        var queries = dashboard.Queries.Select(q => (q.Where, Expr: Offline(q.Expr))).ToList();

        OfflineCheck.AssertValidPromQl(file, queries);
    }

    [Fact]
    public void Every_runbook_query_is_valid_promql()
    {
        Promtool.Require();
        var queries = RunbookQueries().Select((q, i) => ($"docs/runbooks.md query {i + 1}", q)).ToList();
        Assert.True(queries.Count >= 3 * Rules.Alerts.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count(), "each alert's runbook section should give three queries");

        OfflineCheck.AssertValidPromQl("docs/runbooks.md", queries);
    }

    [Fact]
    public void Substitution_leaves_no_variable_and_records_the_ones_used()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var expr = PromQl.SubstituteGrafanaVariables(
            """sum(rate(m{job=~"$job", instance=~"${instance}", x=~"${operation:regex}"}[$__rate_interval])) / sum(increase(m[$__range]))""", used);

        Assert.Equal("""sum(rate(m{job=~"x", instance=~"x", x=~"x"}[5m])) / sum(increase(m[1h]))""", expr);
        Assert.Equal(["instance", "job", "operation"], used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_variable_a_query_uses_is_defined_and_multi_value_ones_use_regex_matchers()
    {
        foreach (var dashboard in Dashboard.All)
        {
            var defined = dashboard.Variables.ToDictionary(v => v["name"].Text(), StringComparer.Ordinal);
            foreach (var query in dashboard.Queries)
            {
                var used = new HashSet<string>(StringComparer.Ordinal);
                _ = PromQl.SubstituteGrafanaVariables(query.Expr, used);
                foreach (var name in used)
                {
                    Assert.True(defined.ContainsKey(name), $"{query.Dashboard} {query.Where} uses ${name}, which is not a template variable");
                }

                foreach (var (label, op, variable) in PromQl.VariableMatchers(query.Expr))
                {
                    var multi = defined.TryGetValue(variable, out var v) && (v["multi"].Flag() || v["includeAll"].Flag());
                    Assert.False(multi && (op is "=" or "!="), $"{query.Dashboard} {query.Where}: {label}{op}\"${variable}\" must be a regex matcher (=~) for a multi-value variable");
                }
            }
        }
    }

    /// <summary>A dashboard query as promtool can read it: variables replaced by plain values.</summary>
    internal static string Offline(string expr)
    {
        var substituted = PromQl.SubstituteGrafanaVariables(expr, new HashSet<string>(StringComparer.Ordinal));
        return PromQl.LabelValuesQuery(substituted)?.Selector ?? substituted;
    }

    internal static IReadOnlyList<string> RunbookQueries() =>
        [.. PromQlBlock().Matches(File.ReadAllText(Repo.Runbooks)).Select(m => m.Groups[1].Value.Trim())];

    [GeneratedRegex(@"```promql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PromQlBlock();
}
