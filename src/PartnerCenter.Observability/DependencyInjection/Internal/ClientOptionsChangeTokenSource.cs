using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PartnerCenter.Observability.DependencyInjection;

/// <summary>
/// Tells the options monitor that a client's own options change whenever the app-wide options do: a client's options
/// start from the app-wide ones (<see cref="ClientOptionsInheritance"/>), but the monitor caches them by name and clears
/// a name only when a change token source of that name fires.
/// </summary>
internal sealed class ClientOptionsChangeTokenSource : IOptionsChangeTokenSource<PartnerCenterTelemetryOptions>
{
    private readonly IServiceProvider _services;

    // The sources are resolved when the monitor asks for a token, not here: this source is one of them.
    public ClientOptionsChangeTokenSource(string name, IServiceProvider services)
    {
        Name = name;
        _services = services;
    }

    public string Name { get; }

    public IChangeToken GetChangeToken()
    {
        var tokens = new List<IChangeToken>();
        foreach (var source in _services.GetServices<IOptionsChangeTokenSource<PartnerCenterTelemetryOptions>>())
        {
            if (source.Name == Options.DefaultName)
            {
                tokens.Add(source.GetChangeToken());
            }
        }

        return new CompositeChangeToken(tokens);
    }
}
