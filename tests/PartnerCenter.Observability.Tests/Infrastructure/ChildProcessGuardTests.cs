using System.Diagnostics;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>The guard that every test's child process (dashboards, Prometheus, the demo) is started under.</summary>
public sealed class ChildProcessGuardTests
{
    [Fact]
    public async Task A_guarded_child_dies_when_its_host_is_killed()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The guard is a POSIX shell watchdog.");
        using var host = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        using var child = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        try
        {
            ChildProcessGuard.Guard(child, host.Id);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // the watchdog is polling
            Assert.False(child.HasExited, "the guard killed the child while its host was alive");

            host.Kill(); // SIGKILL: the host runs no cleanup at all, as when a tool kills a test host
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(child.HasExited);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }

            if (!host.HasExited)
            {
                host.Kill();
            }
        }
    }
}
