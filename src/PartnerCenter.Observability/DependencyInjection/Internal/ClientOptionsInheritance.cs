using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnerCenter.Observability.DependencyInjection;

/// <summary>
/// Starts the options of a client instrumented on its own (named options) from the app-wide options, so that a client's
/// <c>AddPartnerCenterTelemetry(configure)</c> or configuration section changes only what it sets. Runs before the
/// client's own configuration (it is registered before it). The app-wide options are made afresh here rather than read
/// from the monitor's cache, so a client's options rebuilt after a reload (<see cref="ClientOptionsChangeTokenSource"/>)
/// start from the reloaded values whichever cache the monitor cleared first.
/// </summary>
internal sealed class ClientOptionsInheritance : IConfigureNamedOptions<PartnerCenterTelemetryOptions>
{
    private readonly IServiceProvider _services;

    // The factory is resolved when a client's options are made, not here: it depends on this very service.
    public ClientOptionsInheritance(IServiceProvider services) => _services = services;

    public void Configure(string? name, PartnerCenterTelemetryOptions options)
    {
        if (name is null || name == Options.DefaultName)
        {
            return;
        }

        _services.GetRequiredService<IOptionsFactory<PartnerCenterTelemetryOptions>>().Create(Options.DefaultName).CopyTo(options);
    }

    public void Configure(PartnerCenterTelemetryOptions options)
    {
        // The app-wide options themselves: nothing to inherit.
    }
}
