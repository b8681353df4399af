using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.CommandLine;

namespace PartnerCenter.Observability.Simulator.CommandLine;

/// <summary>Runs the standalone simulator until it is told to stop. Exit codes: 0 stopped, 1 could not start, 2 bad arguments.</summary>
internal static class SimulatorCommand
{
    public const int Stopped = 0;
    public const int CannotStart = 1;
    public const int BadArguments = CommandLineRunner.BadArguments;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, ILoggerFactory? loggerFactory, CancellationToken stop)
    {
        var commandLine = new SimulatorCommandLine();
        commandLine.Command.SetAction((result, _) => RunAsync(commandLine.Read(result), stdout, stderr, loggerFactory, stop));
        return CommandLineRunner.RunAsync(commandLine.Command, args, stdout, stderr, "error: ", CancellationToken.None);
    }

    private static async Task<int> RunAsync(SimulatorArguments parsed, TextWriter stdout, TextWriter stderr, ILoggerFactory? loggerFactory, CancellationToken stop)
    {
        parsed.Options.LoggerFactory = loggerFactory;
        PartnerCenterSimulator simulator;
        try
        {
            simulator = await PartnerCenterSimulator.StartAsync(parsed.Options, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Stopped;
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"error: cannot listen on 127.0.0.1:{parsed.Options.Port}: {ex.Message}").ConfigureAwait(false);
            return CannotStart;
        }

        await using (simulator.ConfigureAwait(false))
        {
            await stdout.WriteLineAsync(simulator + ". Ctrl+C to stop.").ConfigureAwait(false);
            await stdout.WriteLineAsync($"Switch scenario: curl -X PUT {simulator.BaseAddress}_simulator/scenario/throttle-storm").ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM.
            }

            await stdout.WriteLineAsync($"Stopped after {simulator.RequestCount} requests.").ConfigureAwait(false);
        }

        return Stopped;
    }
}
