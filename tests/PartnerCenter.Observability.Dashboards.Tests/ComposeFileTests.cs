using System.Text.Json.Nodes;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

namespace PartnerCenter.Observability.Dashboards.Tests;

/// <summary>
/// dashboards/compose.yaml cannot run here (no Docker): its mounts are checked instead. Every host path it mounts
/// exists, and the Prometheus it starts reads prometheus.example.yml, the configuration promtool checks, with the rule
/// files promtool tests.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string ComposeFile = Path.Combine(Repo.Dashboards, "compose.yaml");

    [Fact]
    public void Every_mounted_path_exists()
    {
        var mounts = Mounts().ToList();

        Assert.NotEmpty(mounts);
        foreach (var (service, source, _) in mounts)
        {
            Assert.True(File.Exists(source) || Directory.Exists(source), $"{service} mounts {Repo.Relative(source)}, which does not exist");
        }
    }

    [Fact]
    public void Prometheus_reads_the_example_configuration_and_its_rule_files()
    {
        var prometheus = Services()["prometheus"]!;
        var configFlag = prometheus["command"].Items().Select(i => i.Text()).Single(a => a.StartsWith("--config.file=", StringComparison.Ordinal));
        var containerPath = configFlag["--config.file=".Length..];

        var hostPath = ToHost("prometheus", containerPath);
        Assert.Equal(Path.GetFullPath(Repo.ExampleConfig), hostPath);
        Assert.Contains("--enable-feature=exemplar-storage", prometheus["command"].Items().Select(i => i.Text()));

        // Rule files are relative to the configuration file, in the container as here.
        var ruleFiles = Files.Yaml(hostPath)["rule_files"].Items().Select(i => i.Text()).ToList();
        Assert.Equal(Repo.RuleFiles.Select(Path.GetFullPath), ruleFiles.Select(f => ToHost("prometheus", Path.Combine(Path.GetDirectoryName(containerPath)!, f))));
    }

    [Fact]
    public void Grafana_mounts_the_provisioning_at_the_paths_the_provider_names()
    {
        var grafana = Mounts().Where(m => m.Service == "grafana").ToDictionary(m => m.Target, m => m.Source);

        Assert.Equal(Path.GetDirectoryName(Repo.DatasourceProvisioning), grafana["/etc/grafana/provisioning/datasources"]);
        Assert.Equal(Path.GetDirectoryName(Repo.DashboardProvisioning), grafana["/etc/grafana/provisioning/dashboards"]);
        var providerPath = Files.Yaml(Repo.DashboardProvisioning)["providers"].Items().Single()["options"]!["path"].Text();
        Assert.Equal(Path.Combine(Repo.Dashboards, "grafana"), grafana[providerPath]);
    }

    private static JsonObject Services() => (JsonObject)Files.Yaml(ComposeFile)["services"]!;

    private static IEnumerable<(string Service, string Source, string Target)> Mounts() =>
        from service in Services()
        from volume in service.Value!["volumes"].Items()
        let parts = volume.Text().Split(':')
        select (service.Key, Path.GetFullPath(Path.Combine(Repo.Dashboards, parts[0])), parts[1]);

    /// <summary>The host path a container path of a service comes from, through its mounts.</summary>
    private static string ToHost(string service, string containerPath)
    {
        var normalized = containerPath.Replace('\\', '/');
        var (_, source, target) = Mounts().Where(m => m.Service == service && (normalized == m.Target || normalized.StartsWith(m.Target.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .OrderByDescending(m => m.Target.Length)
            .First();
        return Path.GetFullPath(Path.Combine(source, normalized[target.Length..].TrimStart('/')));
    }
}
