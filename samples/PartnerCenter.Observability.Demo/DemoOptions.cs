using System.Globalization;
using PartnerCenter.Observability.Simulator;

namespace PartnerCenter.Observability.Demo;

/// <summary>The demo's command line.</summary>
internal sealed class DemoOptions
{
    public const string Usage = """
        Usage: dotnet run --project samples/PartnerCenter.Observability.Demo -- [options]

          --scenario <name>        healthy | throttle-storm | outage | eligibility-spike | auth-failure | quota | mixed (default: mixed)
          --duration <seconds>     how long to drive traffic (default: 20)
          --rate <per-second>      calls started per second (default: 20)
          --seed <n>               simulator seed: the same seed gives the same outcome counts (default: 42)
          --prometheus-port <n>    expose /metrics on localhost:<n> and 127.0.0.1:<n> (OpenTelemetry Prometheus exporter)
          --dashboard              start the Aspire dashboard and export traces, metrics and logs to it
          --json                   print the summary as JSON on stdout (no live view)
          --linger <seconds>       keep running (and serving /metrics) after the summary (0 to 3600)
          --help                   show this text

        OTLP export also follows the standard OTEL_EXPORTER_OTLP_* environment variables.
        """;

    /// <summary>The demo's OpenTelemetry service.name, unless OTEL_SERVICE_NAME says otherwise.</summary>
    public const string ServiceName = "partner-center-demo";

    public PartnerCenterScenario Scenario { get; private set; } = PartnerCenterScenario.Mixed;

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(20);

    public double Rate { get; private set; } = 20;

    public int Seed { get; private set; } = 42;

    public int? PrometheusPort { get; private set; }

    public bool Dashboard { get; private set; }

    public bool Json { get; private set; }

    public int LingerSeconds { get; private set; }

    public string ScenarioName => ScenarioNames.First(p => p.Value == Scenario).Key;

    private static readonly Dictionary<string, PartnerCenterScenario> ScenarioNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["healthy"] = PartnerCenterScenario.Healthy,
        ["throttle-storm"] = PartnerCenterScenario.ThrottleStorm,
        ["outage"] = PartnerCenterScenario.Outage,
        ["eligibility-spike"] = PartnerCenterScenario.EligibilitySpike,
        ["auth-failure"] = PartnerCenterScenario.AuthFailure,
        ["quota"] = PartnerCenterScenario.Quota,
        ["mixed"] = PartnerCenterScenario.Mixed,
    };

    /// <summary>Parses the arguments. <paramref name="error"/> is null with a false result for --help.</summary>
    public static bool TryParse(string[] args, out DemoOptions options, out string? error)
    {
        options = new DemoOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (name)
            {
                case "--help" or "-h":
                    return false;
                case "--dashboard":
                    options.Dashboard = true;
                    break;
                case "--json":
                    options.Json = true;
                    break;
                case "--scenario":
                    var scenario = Value();
                    if (scenario is null || !ScenarioNames.TryGetValue(scenario, out var parsed))
                    {
                        error = $"--scenario needs one of: {string.Join(", ", ScenarioNames.Keys)}";
                        return false;
                    }

                    options.Scenario = parsed;
                    break;
                case "--duration":
                    if (!TryNumber(Value(), 0.5, 24 * 3600, out var seconds))
                    {
                        error = "--duration needs a number of seconds (0.5 to 86400)";
                        return false;
                    }

                    options.Duration = TimeSpan.FromSeconds(seconds);
                    break;
                case "--rate":
                    if (!TryNumber(Value(), 0.1, 2000, out var rate))
                    {
                        error = "--rate needs calls per second (0.1 to 2000)";
                        return false;
                    }

                    options.Rate = rate;
                    break;
                case "--seed":
                    if (!int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                    {
                        error = "--seed needs a whole number";
                        return false;
                    }

                    options.Seed = seed;
                    break;
                case "--prometheus-port":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                    {
                        error = "--prometheus-port needs a TCP port (1 to 65535)";
                        return false;
                    }

                    options.PrometheusPort = port;
                    break;
                case "--linger":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var linger) || linger > 3600)
                    {
                        error = "--linger needs a number of seconds (0 to 3600)";
                        return false;
                    }

                    options.LingerSeconds = linger;
                    break;
                default:
                    error = $"unknown argument '{name}'";
                    return false;
            }
        }

        return true;
    }

    private static bool TryNumber(string? text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
