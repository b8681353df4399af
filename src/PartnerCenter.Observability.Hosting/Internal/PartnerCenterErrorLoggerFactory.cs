using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// Wraps the app's logger factory so that every logger it creates adds the Partner Center properties to log lines
/// whose exception chain holds a Partner Center error (<see cref="PartnerCenterErrorLogger"/>). Everything else is the
/// inner factory's: providers, filters, scopes. Disposes the inner factory when it created it.
/// </summary>
internal sealed class PartnerCenterErrorLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;
    private readonly bool _ownsInner;
    private readonly AppClassifier _classifier;

    public PartnerCenterErrorLoggerFactory(ILoggerFactory inner, bool ownsInner, AppClassifier classifier)
    {
        _inner = inner;
        _ownsInner = ownsInner;
        _classifier = classifier;
    }

    public ILogger CreateLogger(string categoryName) => new PartnerCenterErrorLogger(_inner.CreateLogger(categoryName), _classifier);

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose()
    {
        if (_ownsInner)
        {
            _inner.Dispose();
        }
    }
}
