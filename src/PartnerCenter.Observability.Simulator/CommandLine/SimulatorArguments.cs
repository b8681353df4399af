using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.CommandLine;

/// <summary>The command line of the standalone simulator.</summary>
internal sealed class SimulatorArguments
{
    public const string Usage = """
        Usage: PartnerCenter.Observability.Simulator [options]

          --port <n>              Port on 127.0.0.1 (0-65535; default 5005, 0 = any free port).
          --scenario <name>       healthy (default), throttle-storm, outage, eligibility-spike, auth-failure, quota, mixed.
          --seed <n>              Seed of the outcomes (default 0). Same seed, same outcomes, request by request.
          --slow-body-delay <s>   Seconds a slow body stalls (default 5).
          --timeout-delay <s>     Seconds a timeout holds the response before its 504 (default 120).
          --no-override           Ignore the X-Simulator-Outcome request header.
          --verbose               Log every request's planned outcome.
          -h, --help              Show this help.

        While it runs: PUT /_simulator/scenario/<name> switches the scenario; GET /_simulator/scenario shows it.
        Exit codes: 0 stopped (Ctrl+C or SIGTERM), 1 could not start, 2 bad arguments.
        """;

    public bool Help { get; private set; }

    public bool Verbose { get; private set; }

    public PartnerCenterSimulatorOptions Options { get; } = new() { Port = 5005 };

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out SimulatorArguments? parsed, [NotNullWhen(false)] out string? error)
    {
        var result = new SimulatorArguments();
        parsed = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "-h" or "--help":
                    result.Help = true;
                    continue;
                case "--verbose":
                    result.Verbose = true;
                    continue;
                case "--no-override":
                    result.Options.AllowOutcomeOverride = false;
                    continue;
                default:
                    break;
            }

            if (name is not ("--port" or "--scenario" or "--seed" or "--slow-body-delay" or "--timeout-delay"))
            {
                error = $"unknown option '{name}'";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return false;
            }

            var value = args[++i];
            if (!result.TrySet(name, value))
            {
                error = $"invalid value '{value}' for {name}";
                return false;
            }
        }

        parsed = result;
        error = null;
        return true;
    }

    private bool TrySet(string name, string value)
    {
        switch (name)
        {
            case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65_535:
                Options.Port = port;
                return true;
            case "--scenario" when ScenarioNames.TryParse(value, out var scenario):
                Options.Scenario = scenario;
                return true;
            case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed):
                Options.Seed = seed;
                return true;
            case "--slow-body-delay" when TryParseSeconds(value, out var slow):
                Options.SlowBodyDelay = slow;
                return true;
            case "--timeout-delay" when TryParseSeconds(value, out var timeout):
                Options.TimeoutDelay = timeout;
                return true;
            default:
                return false;
        }
    }

    private static bool TryParseSeconds(string value, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds > 86_400)
        {
            return false;
        }

        delay = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
