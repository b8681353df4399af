using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// The app's classifier (registered by <c>AddPartnerCenterTelemetry</c>, with its category overrides), taken at the
/// first use, never while logging is built: invalid options then fail at start as they should, not at a log line. A
/// fault, or no registered classifier, gives the default classifier; never an exception to the app.
/// </summary>
internal sealed class AppClassifier
{
    private readonly IServiceProvider? _services;
    private PartnerCenterErrorClassifier? _classifier;

    public AppClassifier(IServiceProvider? services) => _services = services;

    public PartnerCenterErrorClassifier Get()
    {
        if (Volatile.Read(ref _classifier) is { } known)
        {
            return known;
        }

        PartnerCenterErrorClassifier classifier;
        try
        {
            classifier = _services?.GetService(typeof(PartnerCenterErrorClassifier)) as PartnerCenterErrorClassifier ?? PartnerCenterErrorClassifier.Default;
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("log enrichment classifier", ex);
            classifier = PartnerCenterErrorClassifier.Default;
        }

        Volatile.Write(ref _classifier, classifier);
        return classifier;
    }
}
