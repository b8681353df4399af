using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PartnerCenter.Observability.CommandLine;

namespace PartnerCenter.Observability.Simulator.CommandLine;

/// <summary>The standalone simulator's command (System.CommandLine): its options, their checks and its help.</summary>
internal sealed class SimulatorCommandLine
{
    public const string Epilog = """
        While it runs: PUT /_simulator/scenario/<name> switches the scenario; GET /_simulator/scenario shows it.
        Exit codes: 0 stopped (Ctrl+C or SIGTERM), 1 could not start, 2 bad arguments.
        """;

    private readonly Option<int> _port = new("--port")
    {
        Description = "Port on 127.0.0.1 (0-65535; 0 = any free port).",
        HelpName = "n",
        DefaultValueFactory = _ => 5005,
        CustomParser = result => Parse<int?>(result, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65_535 ? port : null) ?? 0,
    };

    private readonly Option<PartnerCenterScenario?> _scenario = new("--scenario")
    {
        Description = $"The scenario: {PartnerCenterScenarioNames.Joined} (default: healthy).",
        HelpName = "name",
        CustomParser = result => Parse<PartnerCenterScenario?>(result, text => PartnerCenterScenarioNames.TryParse(text, out var scenario) ? scenario : null),
    };

    private readonly Option<int?> _seed = new("--seed")
    {
        Description = "Seed of the outcomes (default 0). Same seed, same outcomes, request by request.",
        HelpName = "n",
        CustomParser = result => Parse<int?>(result, text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : null),
    };

    private readonly Option<TimeSpan?> _slowBodyDelay = new("--slow-body-delay")
    {
        Description = "Seconds a slow body stalls (default 5).",
        HelpName = "s",
        CustomParser = result => Parse(result, Seconds),
    };

    private readonly Option<TimeSpan?> _timeoutDelay = new("--timeout-delay")
    {
        Description = "Seconds a timeout holds the response before its 504 (default 120).",
        HelpName = "s",
        CustomParser = result => Parse(result, Seconds),
    };

    private readonly Option<bool> _noOverride = new("--no-override") { Description = "Ignore the X-Simulator-Outcome request header." };

    private readonly Option<bool> _verbose = new("--verbose") { Description = "Log every request's planned outcome." };

    public SimulatorCommandLine()
    {
        Command = new Command("PartnerCenter.Observability.Simulator", "A Partner Center REST API simulator on 127.0.0.1, with switchable failure scenarios.")
        {
            _port,
            _scenario,
            _seed,
            _slowBodyDelay,
            _timeoutDelay,
            _noOverride,
            _verbose,
        }.WithHelp(Epilog);
    }

    public Command Command { get; }

    /// <summary>The arguments of a parse without errors.</summary>
    public SimulatorArguments Read(ParseResult result)
    {
        var options = new PartnerCenterSimulatorOptions
        {
            Port = result.GetValue(_port),
            AllowOutcomeOverride = !result.GetValue(_noOverride),
        };
        options.Scenario = result.GetValue(_scenario) ?? options.Scenario;
        options.Seed = result.GetValue(_seed) ?? options.Seed;
        options.SlowBodyDelay = result.GetValue(_slowBodyDelay) ?? options.SlowBodyDelay;
        options.TimeoutDelay = result.GetValue(_timeoutDelay) ?? options.TimeoutDelay;
        return new SimulatorArguments(options, result.GetValue(_verbose));
    }

    /// <summary>Reads the option's one value, or reports <c>invalid value '...' for --name</c>.</summary>
    private static T Parse<T>(ArgumentResult result, Func<string, T> read)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var value = read(text);
        if (value is null)
        {
            var name = (result.Parent as OptionResult)?.Option.Name;
            result.AddError($"invalid value '{text}' for {name}");
        }

        return value;
    }

    private static TimeSpan? Seconds(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
