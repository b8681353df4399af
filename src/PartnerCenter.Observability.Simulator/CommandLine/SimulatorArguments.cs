using System.Diagnostics.CodeAnalysis;

namespace PartnerCenter.Observability.Simulator.CommandLine;

/// <summary>What the standalone simulator's command line asked for (<see cref="SimulatorCommandLine"/> reads it).</summary>
internal sealed class SimulatorArguments(PartnerCenterSimulatorOptions options, bool verbose)
{
    public PartnerCenterSimulatorOptions Options { get; } = options;

    public bool Verbose { get; } = verbose;

    /// <summary>Parses <paramref name="args"/>; <paramref name="error"/> is the parser's first message.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out SimulatorArguments? parsed, [NotNullWhen(false)] out string? error)
    {
        var commandLine = new SimulatorCommandLine();
        var result = commandLine.Command.Parse(args);
        if (result.Errors.Count > 0)
        {
            parsed = null;
            error = result.Errors[0].Message;
            return false;
        }

        parsed = commandLine.Read(result);
        error = null;
        return true;
    }
}
