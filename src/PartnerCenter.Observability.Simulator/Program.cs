using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Simulator.CommandLine;

namespace PartnerCenter.Observability.Simulator;

/// <summary>
/// The standalone simulator: <c>dotnet run --project src/PartnerCenter.Observability.Simulator -- --port 5005 --scenario mixed --seed 42</c>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var verbose = SimulatorArguments.TryParse(args, out var parsed, out _) && parsed.Verbose;
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            })
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning));

        return await SimulatorCommand.RunAsync(args, Console.Out, Console.Error, loggerFactory, stop.Token).ConfigureAwait(false);
    }
}
