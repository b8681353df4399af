using Microsoft.Extensions.Hosting;

namespace PartnerCenter.Observability.Simulator.Hosting;

/// <summary>
/// A host lifetime that neither prints to the console nor handles Ctrl+C or SIGTERM: the simulator runs inside someone
/// else's process (a test host) and is stopped by <see cref="PartnerCenterSimulator.DisposeAsync"/>.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
