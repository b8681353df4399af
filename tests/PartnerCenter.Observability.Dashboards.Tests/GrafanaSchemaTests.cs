using System.Text.Json.Nodes;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>
/// The dashboards compile against Grafana's own published types (@grafana/schema 13.2.3, tsc 5.9.3), and the check
/// fails on a misspelt field, an unknown panel option and a value outside an option's enum.
/// </summary>
public sealed class GrafanaSchemaTests(ITestOutputHelper output)
{
    [Fact]
    public void The_dashboards_satisfy_grafanas_dashboard_and_panel_types()
    {
        var node = GrafanaSchemaCheck.RequireNode();
        var (exitCode, text) = GrafanaSchemaCheck.Compile(node, "generated", Repo.DashboardFiles.Select(Repo.Full));
        output.WriteLine(text);
        Assert.True(exitCode == 0, "tsc found differences from @grafana/schema:\n" + text);
    }

    [Fact]
    public void A_misspelt_field_a_wrong_option_and_an_unknown_option_fail_the_check()
    {
        var node = GrafanaSchemaCheck.RequireNode();
        var dashboard = JsonNode.Parse(File.ReadAllText(Repo.Full(Repo.DashboardFiles.First(f => f.EndsWith("partner-center-errors.json", StringComparison.Ordinal)))))!;
        var panels = dashboard["panels"]!.AsArray();
        var first = panels[0]!.AsObject();
        first["gridPoss"] = first["gridPos"]!.DeepClone();
        first.Remove("gridPos");
        panels[1]!["options"]!["legend"]!["displayMode"] = "tabel";
        panels[2]!["options"]!["tooltipp"] = new JsonObject();

        var input = Path.Combine(Path.GetTempPath(), $"pc-schema-{Guid.NewGuid():N}.json");
        var folder = $"generated-{Guid.NewGuid():N}";
        try
        {
            File.WriteAllText(input, dashboard.ToJsonString());
            var (exitCode, text) = GrafanaSchemaCheck.Compile(node, folder, [input]);
            output.WriteLine(text);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("'\"gridPoss\"' does not exist", text, StringComparison.Ordinal);
            Assert.Contains("'\"tabel\"' is not assignable", text, StringComparison.Ordinal);
            Assert.Contains("'\"tooltipp\"' does not exist", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(input);
            Directory.Delete(Path.Combine(GrafanaSchemaCheck.Folder, folder), recursive: true);
        }
    }
}
