using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PartnerCenter.Observability.DependencyInjection;

/// <summary>
/// Tells the options monitor that a client's own options change whenever the app-wide options do: a client's options
/// start from the app-wide ones (<see cref="ClientOptionsInheritance"/>), but the monitor caches them by name and clears
/// a name only when a change token source of that name fires.
/// </summary>
internal sealed class ClientOptionsChangeTokenSource(string name, IServiceProvider services) : IOptionsChangeTokenSource<PartnerCenterTelemetryOptions>
{
    public string Name { get; } = name;

    // The sources are resolved when the monitor asks for a token, not at construction: this source is one of them.
    public IChangeToken GetChangeToken() =>
        new CompositeChangeToken([.. services.GetServices<IOptionsChangeTokenSource<PartnerCenterTelemetryOptions>>()
            .Where(source => source.Name == Options.DefaultName)
            .Select(source => source.GetChangeToken())]);
}
