using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>The provisioning files: a datasource with a fixed uid, and a file provider for the dashboards.</summary>
public sealed class ProvisioningTests
{
    [Fact]
    public void The_datasource_is_prometheus_with_a_fixed_uid_and_an_example_url()
    {
        var root = Files.Yaml(Repo.DatasourceProvisioning);
        Assert.Equal("1", root["apiVersion"].Text());
        var datasource = Assert.Single(root["datasources"].Items());
        Assert.Equal("prometheus", datasource["type"].Text());
        Assert.Equal("partner-center-prometheus", datasource["uid"].Text());
        Assert.StartsWith("http", datasource["url"].Text(), StringComparison.Ordinal);
        Assert.Contains("Example", File.ReadAllText(Repo.DatasourceProvisioning), StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboard_provider_loads_the_mounted_grafana_folder()
    {
        var root = Files.Yaml(Repo.DashboardProvisioning);
        Assert.Equal("1", root["apiVersion"].Text());
        var provider = Assert.Single(root["providers"].Items());
        Assert.Equal("file", provider["type"].Text());
        var path = provider["options"]?["path"].Text() ?? "";
        Assert.StartsWith("/", path, StringComparison.Ordinal);

        // The README tells where to mount dashboards/grafana: exactly at the provider's path.
        var readme = File.ReadAllText(Path.Combine(Repo.Dashboards, "README.md"));
        Assert.Contains("./dashboards/grafana:" + path, readme, StringComparison.Ordinal);
        Assert.Contains("./dashboards/grafana-alerting:/etc/grafana/provisioning/alerting", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboards_select_the_provisioned_datasource_by_default()
    {
        foreach (var dashboard in Dashboard.All)
        {
            Assert.Equal(ProvisionedDatasourceUid(), dashboard.Variable("datasource")?["current"]?["value"].Text());
        }
    }

    internal static string ProvisionedDatasourceUid() =>
        Files.Yaml(Repo.DatasourceProvisioning)["datasources"].Items().Single()["uid"].Text();
}
