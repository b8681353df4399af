using System.Text.Json.Nodes;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>A query of a dashboard: a panel target, or a template variable's query.</summary>
internal sealed record DashboardQuery(string Dashboard, string Where, string Expr, string Legend);

/// <summary>A Grafana dashboard JSON file.</summary>
internal sealed record Dashboard(string File, JsonObject Root)
{
    public string Uid => Root["uid"].Text();

    public string Title => Root["title"].Text();

    /// <summary>Every panel, including the panels inside collapsed rows.</summary>
    public IReadOnlyList<JsonNode> Panels => [.. Flatten(Root["panels"])];

    public IReadOnlyList<JsonNode> Variables => [.. Root["templating"]?["list"].Items() ?? []];

    public JsonNode? Variable(string name) => Variables.FirstOrDefault(v => v["name"].Text() == name);

    public IReadOnlyList<JsonNode> Links => [.. Root["links"].Items()];

    /// <summary>Panels other than rows: the ones that query.</summary>
    public IEnumerable<JsonNode> QueryPanels => Panels.Where(p => p["type"].Text() != "row");

    public IEnumerable<DashboardQuery> Queries =>
        QueryPanels.SelectMany(panel => panel["targets"].Items().Select(target => new DashboardQuery(
                File, $"panel '{panel["title"].Text()}' target {target["refId"].Text()}", target["expr"].Text(), target["legendFormat"].Text())))
            .Concat(Variables.Where(v => v["type"].Text() == "query").Select(v => new DashboardQuery(
                File, $"variable '{v["name"].Text()}'", VariableQuery(v), "")));

    public static string VariableQuery(JsonNode variable) =>
        variable["query"] is JsonObject query ? query["query"].Text() : variable["query"].Text();

    public static IReadOnlyList<Dashboard> All =>
        [.. Repo.DashboardFiles.Select(path => new Dashboard(Repo.Relative(path), Files.Json(path).AsObject()))];

    public static Dashboard ByUid(string uid) => All.Single(d => d.Uid == uid);

    private static IEnumerable<JsonNode> Flatten(JsonNode? panels)
    {
        foreach (var panel in panels.Items())
        {
            yield return panel;
            foreach (var inner in Flatten(panel["panels"]))
            {
                yield return inner;
            }
        }
    }
}
