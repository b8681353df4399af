using System.Diagnostics;
using System.Globalization;

namespace PartnerCenter.Observability.Testing;

/// <summary>
/// Makes a child process (an Aspire dashboard, Prometheus, the demo) die with the test host, however the host ends: a
/// normal exit, a crash, or a kill by a tool such as Stryker on a mutant timeout, which never runs the tests' disposal.
/// A small watchdog shell polls the host once a second and kills the child when the host is gone; it ends by itself
/// when the child ends first.
/// </summary>
internal static class ChildProcessGuard
{
    // TERM first, so that a child that starts processes of its own (a script) can stop them; KILL 5 s later.
    private const string Watchdog =
        "while kill -0 \"$1\" 2>/dev/null && kill -0 \"$2\" 2>/dev/null; do sleep 1; done; " +
        "kill -TERM \"$2\" 2>/dev/null && sleep 5; kill -9 \"$2\" 2>/dev/null; exit 0";

    /// <summary>Starts the process and ties its life to this one's.</summary>
    public static Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        Guard(process);
        return process;
    }

    /// <summary>Ties an already started process's life to a host's, this process by default (Linux and macOS; elsewhere a no-op).</summary>
    public static void Guard(Process child, int? hostId = null)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var watchdog = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", Watchdog, "pco-child-guard", (hostId ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture), child.Id.ToString(CultureInfo.InvariantCulture) })
        {
            watchdog.ArgumentList.Add(argument);
        }

        using var started = Process.Start(watchdog);
    }
}
