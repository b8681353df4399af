using System.Text.Json.Nodes;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>The dashboards work through Grafana file provisioning and follow the project's rules.</summary>
public sealed class DashboardStructureTests
{
    public const string Overview = "partner-center-overview";
    public const string Errors = "partner-center-errors";

    public static TheoryData<string> DashboardFiles => Repo.AsTheoryData(Repo.DashboardFiles);

    [Fact]
    public void The_overview_and_the_errors_drill_down_exist_with_unique_uids()
    {
        var uids = Dashboard.All.Select(d => d.Uid).ToList();
        Assert.Equal(uids.Count, uids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(Overview, uids);
        Assert.Contains(Errors, uids);
        Assert.Equal("partner-center-overview.json", Path.GetFileName(Dashboard.ByUid(Overview).File));
        Assert.Equal("partner-center-errors.json", Path.GetFileName(Dashboard.ByUid(Errors).File));
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void The_dashboard_is_provisionable_as_it_is(string file)
    {
        var text = File.ReadAllText(Repo.Full(file));
        var dashboard = Dashboard.All.Single(d => d.File == file);

        Assert.DoesNotContain("__inputs", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DS_", text, StringComparison.Ordinal);
        Assert.Null(dashboard.Root["id"]);
        Assert.False(string.IsNullOrWhiteSpace(dashboard.Title));
        Assert.Matches("^[a-zA-Z0-9_-]{1,40}$", dashboard.Uid);
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void Every_panel_has_a_description_and_the_datasource_variable(string file)
    {
        var dashboard = Dashboard.All.Single(d => d.File == file);
        Assert.NotEmpty(dashboard.QueryPanels);
        foreach (var panel in dashboard.QueryPanels)
        {
            var title = panel["title"].Text();
            Assert.False(string.IsNullOrWhiteSpace(title), $"{file}: a panel has no title");
            Assert.False(string.IsNullOrWhiteSpace(panel["description"].Text()), $"{file}: panel '{title}' has no description");
            AssertDatasourceVariable(panel["datasource"], $"{file}: panel '{title}'");
            Assert.NotEmpty(panel["targets"].Items());
            foreach (var target in panel["targets"].Items())
            {
                AssertDatasourceVariable(target["datasource"], $"{file}: panel '{title}' target {target["refId"].Text()}");
                Assert.False(string.IsNullOrWhiteSpace(target["expr"].Text()), $"{file}: panel '{title}' has an empty query");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void Panel_ids_are_unique_and_panels_do_not_overlap(string file)
    {
        var panels = Dashboard.All.Single(d => d.File == file).Panels;
        var ids = panels.Select(p => p["id"].Text()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        var boxes = panels.Select(p => (Title: p["title"].Text(), X: (int)p["gridPos"]!["x"].Number(), Y: (int)p["gridPos"]!["y"].Number(),
            W: (int)p["gridPos"]!["w"].Number(), H: (int)p["gridPos"]!["h"].Number())).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            var a = boxes[i];
            Assert.True(a.X >= 0 && a.W > 0 && a.X + a.W <= 24, $"{file}: panel '{a.Title}' is outside the 24-column grid");
            foreach (var b in boxes.Skip(i + 1))
            {
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"{file}: panels '{a.Title}' and '{b.Title}' overlap");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void The_template_variables_are_present(string file)
    {
        var dashboard = Dashboard.All.Single(d => d.File == file);

        var datasource = dashboard.Variable("datasource");
        Assert.NotNull(datasource);
        Assert.Equal("datasource", datasource["type"].Text());
        Assert.Equal("prometheus", datasource["query"].Text());

        foreach (var name in new[] { "job", "instance", "operation", "category" })
        {
            var variable = dashboard.Variable(name);
            Assert.True(variable is not null, $"{file}: no '{name}' variable");
            Assert.Equal("query", variable["type"].Text());
            AssertDatasourceVariable(variable["datasource"], $"{file}: variable '{name}'");
            var query = PromQl.LabelValuesQuery(Dashboard.VariableQuery(variable));
            Assert.True(query is not null, $"{file}: variable '{name}' is not a label_values(...) query");
            Assert.True(variable["multi"].Flag() && variable["includeAll"].Flag(), $"{file}: variable '{name}' should be multi-value with All");
            // dashboard-linter's template-on-time-change/allValue rule: ".+" matches only series that have the label.
            Assert.Equal(".+", variable["allValue"].Text());
        }
    }

    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void Ratios_divide_counts_not_buckets_and_show_zero_only_when_data_was_scraped(string file)
    {
        var dashboard = Dashboard.All.Single(d => d.File == file);
        var ratios = dashboard.Queries.Where(q => PromQl.WithoutStrings(q.Expr).Contains('/', StringComparison.Ordinal)
            && !q.Expr.Contains("$__range_s", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ratios);
        foreach (var query in ratios)
        {
            var metrics = PromQl.MetricNames(query.Expr);
            Assert.False(metrics.Any(m => m.EndsWith("_bucket", StringComparison.Ordinal)), $"{file} {query.Where}: a ratio must divide _count series, not _bucket");
            Assert.True(metrics.Any(m => m.EndsWith("_count", StringComparison.Ordinal) || m.EndsWith("_total", StringComparison.Ordinal)),
                $"{file} {query.Where}: a ratio should divide counts (_count or _total)");
            var code = PromQl.WithoutStrings(query.Expr);
            Assert.True(code.Contains("clamp_min(", StringComparison.Ordinal) || code.Contains(") > 0)", StringComparison.Ordinal),
                $"{file} {query.Where}: a ratio must not divide by zero (clamp_min, or a denominator filtered with > 0)");
        }
    }

    /// <summary>
    /// "Not scraped" must not look like a green 0: no query falls back to a constant <c>vector(0)</c>. Where a panel
    /// shows 0 for "scraped, and nothing of that kind happened", the zero comes from the scraped series (<c>0 * sum(...)</c>).
    /// </summary>
    [Theory]
    [MemberData(nameof(DashboardFiles))]
    public void No_query_turns_missing_data_into_a_zero(string file)
    {
        foreach (var query in Dashboard.All.Single(d => d.File == file).Queries)
        {
            Assert.DoesNotContain("vector(0)", PromQl.WithoutStrings(query.Expr), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_overview_has_the_panels_the_issue_asks_for()
    {
        var panels = Dashboard.ByUid(Overview).QueryPanels.ToDictionary(p => p["title"].Text(), StringComparer.Ordinal);
        string[] required =
        [
            "Whose problem is it? Failed attempts by owner", "Scrape health",
            "Request rate", "Error ratio by category", "429 rate and observed Retry-After", "5xx rate", "Eligibility errors by code",
            "Auth failures", "Successful-call latency p95 by operation (top 10)", "Top error codes", "Retries by category",
        ];
        foreach (var title in required)
        {
            Assert.True(panels.ContainsKey(title), $"the overview has no panel '{title}'");
        }

        Assert.Equal("normal", panels["Error ratio by category"]["fieldConfig"]!["defaults"]!["custom"]!["stacking"]!["mode"].Text());
        var latency = Assert.Single(panels["Successful-call latency p95 by operation (top 10)"]["targets"].Items());
        var latencyExpr = latency["expr"].Text();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(latencyExpr, @"histogram_quantile\(0\.95,"));
        Assert.Contains("partner_center:request_duration_success_bucket:rate5m{", latencyExpr, StringComparison.Ordinal);
        var rule = Rules.Recording.Single(r => r.Name == "partner_center:request_duration_success_bucket:rate5m").Expr;
        // Successful attempts: no category (the histogram carries no status), cancelled ones left out.
        Assert.Contains("partner_center_error_category=\"\"", rule, StringComparison.Ordinal);
        Assert.Contains("error_type!=\"cancelled\"", rule, StringComparison.Ordinal);
        Assert.StartsWith("topk(10,", latencyExpr, StringComparison.Ordinal);
        Assert.True(latency["exemplar"].Flag(), "the latency panel should show exemplars");

        Assert.Equal("table", panels["Top error codes"]["type"].Text());
        var topCodes = panels["Top error codes"]["targets"].Items().Single()["expr"].Text();
        Assert.Contains("partner_center_error_code", topCodes, StringComparison.Ordinal);
        Assert.Contains("partner_center_error_category", topCodes, StringComparison.Ordinal);
        foreach (var target in panels["429 rate and observed Retry-After"]["targets"].Items())
        {
            // Only 429s: a 503's Retry-After is not averaged in.
            Assert.Contains("http_response_status_code=\"429\"", target["expr"].Text(), StringComparison.Ordinal);
        }

        Assert.True(panels["429 rate and observed Retry-After"]["targets"].Items().First()["exemplar"].Flag());
    }

    /// <summary>Stacked panels by operation show the top 10 operations, not every one.</summary>
    [Fact]
    public void Stacked_panels_by_operation_are_limited_to_the_top_ten()
    {
        var stacked = Dashboard.All.SelectMany(d => d.QueryPanels)
            .Where(p => p["fieldConfig"]?["defaults"]?["custom"]?["stacking"]?["mode"].Text() == "normal")
            .Where(p => p["targets"].Items().Any(t => t["expr"].Text().Contains("by (partner_center_operation", StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(stacked);
        Assert.All(stacked, p => Assert.All(p["targets"].Items(), t => Assert.StartsWith("topk(10,", t["expr"].Text(), StringComparison.Ordinal)));
    }

    /// <summary>The top row answers "whose problem is this?" with one fixed colour per owner.</summary>
    [Fact]
    public void The_owner_row_comes_first_with_fixed_colours_per_owner()
    {
        var overview = Dashboard.ByUid(Overview);
        var owner = overview.QueryPanels.Single(p => p["title"].Text() == "Whose problem is it? Failed attempts by owner");
        Assert.Equal(0, owner["gridPos"]!["y"]!.GetValue<int>());
        var targets = owner["targets"].Items().ToList();
        Assert.Equal(
            ["Ours (validation, unknown)", "Contract (eligibility, count limits)", "Credentials (auth)", "Microsoft (429, transient with a status)", "Our network (transient without a status)"],
            targets.Select(t => t["legendFormat"].Text()));
        var colours = owner["fieldConfig"]!["overrides"].Items().ToDictionary(o => o["matcher"]!["options"].Text(), o => o["properties"].Items().Single()["value"]!["fixedColor"].Text());
        Assert.Equal(targets.Count, colours.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.All(targets, t => Assert.True(colours.ContainsKey(t["refId"].Text()), $"owner {t["legendFormat"].Text()} has no fixed colour"));
        Assert.Contains("validation|unknown", targets[0]["expr"].Text(), StringComparison.Ordinal);
        Assert.Contains("http_response_status_code!=\"429\"", targets[1]["expr"].Text(), StringComparison.Ordinal);
        Assert.Contains("http_response_status_code=\"\"", targets[4]["expr"].Text(), StringComparison.Ordinal);
    }

    /// <summary>Each row of the code tables opens the drill-down with its operation and code selected.</summary>
    [Fact]
    public void Table_rows_link_into_the_drill_down_with_operation_and_code()
    {
        foreach (var dashboard in Dashboard.All)
        {
            foreach (var table in dashboard.QueryPanels.Where(p => p["type"].Text() == "table"))
            {
                var link = Assert.Single(table["fieldConfig"]!["defaults"]!["links"].Items());
                var url = link["url"].Text();
                Assert.StartsWith("/d/" + Errors + "/", url, StringComparison.Ordinal);
                Assert.Contains("var-operation=${__data.fields.Operation:percentencode}", url, StringComparison.Ordinal);
                Assert.Contains("var-code=${__data.fields.Code:percentencode}", url, StringComparison.Ordinal);
                var renamed = table["transformations"].Items().Single()["options"]!["renameByName"]!;
                Assert.Equal("Operation", renamed["partner_center_operation"].Text());
                Assert.Equal("Code", renamed["partner_center_error_code"].Text());
            }
        }
    }

    [Fact]
    public void The_errors_drill_down_breaks_failures_down_by_operation_and_code()
    {
        var dashboard = Dashboard.ByUid(Errors);
        Assert.NotNull(dashboard.Variable("code"));
        var grouped = dashboard.Queries.Select(q => PromQl.LabelNames(q.Expr)).ToList();
        Assert.Contains(grouped, labels => labels.Contains("partner_center_operation") && labels.Contains("partner_center_error_code"));
    }

    [Fact]
    public void The_dashboards_link_to_each_other_and_to_the_runbooks()
    {
        var overview = Dashboard.ByUid(Overview);
        var errors = Dashboard.ByUid(Errors);

        Assert.Contains(overview.Links, l => l["url"].Text().StartsWith("/d/" + Errors, StringComparison.Ordinal) && l["includeVars"].Flag() && l["keepTime"].Flag());
        Assert.Contains(errors.Links, l => l["url"].Text().StartsWith("/d/" + Overview, StringComparison.Ordinal));
        Assert.Contains(overview.Links, l => l["url"].Text().Contains("runbooks.md", StringComparison.Ordinal));
        Assert.Contains(errors.Links, l => l["url"].Text().Contains("runbooks.md", StringComparison.Ordinal));
        Assert.Contains(overview.QueryPanels.SelectMany(p => p["links"].Items()), l => l["url"].Text().Contains("/d/" + Errors, StringComparison.Ordinal));
    }

    private static void AssertDatasourceVariable(JsonNode? datasource, string where)
    {
        Assert.True(datasource is JsonObject, $"{where} has no datasource object");
        Assert.True(datasource["type"].Text() == "prometheus" && datasource["uid"].Text() == "${datasource}",
            $"{where}: datasource must be {{\"type\": \"prometheus\", \"uid\": \"${{datasource}}\"}}, not {datasource.ToJsonString()}");
    }
}
