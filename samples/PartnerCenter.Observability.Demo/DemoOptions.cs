using PartnerCenter.Observability.Simulator;

namespace PartnerCenter.Observability.Demo;

/// <summary>What the demo's command line asked for (<see cref="DemoCommandLine"/> reads it).</summary>
internal sealed class DemoOptions
{
    /// <summary>The demo's OpenTelemetry service.name, unless OTEL_SERVICE_NAME says otherwise.</summary>
    public const string ServiceName = "partner-center-demo";

    public PartnerCenterScenario Scenario { get; init; } = PartnerCenterScenario.Mixed;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public double Rate { get; init; } = 20;

    public int Seed { get; init; } = 42;

    public int? PrometheusPort { get; init; }

    public bool Dashboard { get; init; }

    public bool Json { get; init; }

    public int LingerSeconds { get; init; }

    public string ScenarioName => Scenario.ToName();
}
