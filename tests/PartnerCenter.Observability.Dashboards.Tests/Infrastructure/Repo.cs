namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>Paths of the repository and of the files under test.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Dashboards => Path.Combine(Root, "dashboards");

    public static string Runbooks => Path.Combine(Root, "docs", "runbooks.md");

    public static string RecordingRules => Path.Combine(Dashboards, "prometheus", "partner-center-recording.yaml");

    public static string AlertRules => Path.Combine(Dashboards, "prometheus", "partner-center-alerts.yaml");

    public static string ExampleConfig => Path.Combine(Dashboards, "prometheus", "prometheus.example.yml");

    public static string AlertmanagerConfig => Path.Combine(Dashboards, "alertmanager", "partner-center.yml");

    public static string GrafanaAlerts => Path.Combine(Dashboards, "grafana-alerting", "partner-center-alerts.yaml");

    public static string DatasourceProvisioning => Path.Combine(Dashboards, "provisioning", "datasources", "partner-center-prometheus.yaml");

    public static string DashboardProvisioning => Path.Combine(Dashboards, "provisioning", "dashboards", "partner-center.yaml");

    /// <summary>Every Prometheus rule file (not the unit tests, not the example configuration).</summary>
    public static IReadOnlyList<string> RuleFiles => [RecordingRules, AlertRules];

    public static IReadOnlyList<string> RuleTestFiles =>
        [.. Directory.GetFiles(Path.Combine(Dashboards, "prometheus", "tests"), "*.test.yaml").Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> DashboardFiles =>
        [.. Directory.GetFiles(Path.Combine(Dashboards, "grafana"), "*.json").Order(StringComparer.Ordinal)];

    /// <summary>A path relative to the repository root, with forward slashes, for test names and messages.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public static TheoryData<string> AsTheoryData(IEnumerable<string> paths)
    {
        var data = new TheoryData<string>();
        foreach (var path in paths)
        {
            data.Add(Relative(path));
        }

        return data;
    }

    public static string Full(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerCenter.Observability.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository: PartnerCenter.Observability.sln was not found above " + AppContext.BaseDirectory);
    }
}
