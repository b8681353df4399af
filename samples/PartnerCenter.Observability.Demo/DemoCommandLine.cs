using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PartnerCenter.Observability.CommandLine;
using PartnerCenter.Observability.Simulator;

namespace PartnerCenter.Observability.Demo;

/// <summary>The demo's command (System.CommandLine): its options, their checks and its help.</summary>
internal sealed class DemoCommandLine
{
    private const string Epilog = "OTLP export also follows the standard OTEL_EXPORTER_OTLP_* environment variables.";

    private static readonly DemoOptions Defaults = new();

    private readonly Option<PartnerCenterScenario?> _scenario = new("--scenario")
    {
        Description = $"The simulator's scenario: {string.Join(" | ", PartnerCenterScenarioNames.Names)} (default: {Defaults.ScenarioName}).",
        HelpName = "name",
        CustomParser = result => Parse<PartnerCenterScenario?>(result, text => PartnerCenterScenarioNames.TryParse(text, out var scenario) ? scenario : null, $"--scenario needs one of: {string.Join(", ", PartnerCenterScenarioNames.Names)}"),
    };

    private readonly Option<double?> _duration = new("--duration")
    {
        Description = FormattableString.Invariant($"How long to drive traffic (default: {Defaults.Duration.TotalSeconds})."),
        HelpName = "seconds",
        CustomParser = result => Parse(result, text => Number(text, 0.5, 24 * 3600), "--duration needs a number of seconds (0.5 to 86400)"),
    };

    private readonly Option<double?> _rate = new("--rate")
    {
        Description = FormattableString.Invariant($"Calls started per second (default: {Defaults.Rate})."),
        HelpName = "per-second",
        CustomParser = result => Parse(result, text => Number(text, 0.1, 2000), "--rate needs calls per second (0.1 to 2000)"),
    };

    private readonly Option<int?> _seed = new("--seed")
    {
        Description = FormattableString.Invariant($"Simulator seed: the same seed gives the same outcome counts (default: {Defaults.Seed})."),
        HelpName = "n",
        CustomParser = result => Parse<int?>(result, text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : null, "--seed needs a whole number"),
    };

    private readonly Option<int?> _prometheusPort = new("--prometheus-port")
    {
        Description = "Expose /metrics on localhost:<n> and 127.0.0.1:<n> (OpenTelemetry Prometheus exporter).",
        HelpName = "n",
        CustomParser = result => Parse<int?>(result, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null, "--prometheus-port needs a TCP port (1 to 65535)"),
    };

    private readonly Option<bool> _dashboard = new("--dashboard") { Description = "Start the Aspire dashboard and export traces, metrics and logs to it." };

    private readonly Option<bool> _json = new("--json") { Description = "Print the summary as JSON on stdout (no live view)." };

    private readonly Option<int> _linger = new("--linger")
    {
        Description = "Keep running (and serving /metrics) after the summary (0 to 3600).",
        HelpName = "seconds",
        CustomParser = result => Parse<int?>(result, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var linger) && linger <= 3600 ? linger : null, "--linger needs a number of seconds (0 to 3600)") ?? 0,
    };

    public DemoCommandLine()
    {
        Command = new Command("PartnerCenter.Observability.Demo", "A simulated Partner Center, an app that calls it through a typed HttpClient, and the one line that instruments it.")
        {
            _scenario,
            _duration,
            _rate,
            _seed,
            _prometheusPort,
            _dashboard,
            _json,
            _linger,
        }.WithHelp(Epilog);
    }

    public Command Command { get; }

    /// <summary>The options of a parse without errors.</summary>
    public DemoOptions Read(ParseResult result) => new()
    {
        Scenario = result.GetValue(_scenario) ?? Defaults.Scenario,
        Duration = result.GetValue(_duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : Defaults.Duration,
        Rate = result.GetValue(_rate) ?? Defaults.Rate,
        Seed = result.GetValue(_seed) ?? Defaults.Seed,
        PrometheusPort = result.GetValue(_prometheusPort),
        Dashboard = result.GetValue(_dashboard),
        Json = result.GetValue(_json),
        LingerSeconds = result.GetValue(_linger),
    };

    private static T Parse<T>(ArgumentResult result, Func<string, T> read, string error)
    {
        var value = read(result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty);
        if (value is null)
        {
            result.AddError(error);
        }

        return value;
    }

    private static double? Number(string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;
}
