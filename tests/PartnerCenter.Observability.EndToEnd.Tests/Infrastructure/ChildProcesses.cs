using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

/// <summary>Helpers for the processes a test starts: every one is stopped by its PID, with its children.</summary>
internal static class ChildProcesses
{
    public static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }

        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
