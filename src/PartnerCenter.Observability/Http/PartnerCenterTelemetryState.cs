using System.Runtime.CompilerServices;
using PartnerCenter.Observability.Operations;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Shared, long-lived state of the handlers of one service provider: the instruments, and per options instance the
/// classifier, the host filter and the operation resolver (whose caps bound the operation and code tag values).
/// </summary>
internal sealed class PartnerCenterTelemetryState
{
    private readonly ConditionalWeakTable<PartnerCenterTelemetryOptions, Snapshot> _snapshots = new();
    private Snapshot? _snapshot;

    public PartnerCenterTelemetryState(PartnerCenterInstruments instruments) => Instruments = instruments;

    public PartnerCenterInstruments Instruments { get; }

    public Discovery.UncataloguedCodeDiscovery Discovery { get; } = new();

    /// <summary>
    /// The snapshot of an options instance: the app-wide options and those of each client configured on its own
    /// (named options) each keep theirs, so that alternating clients never reset an operation resolver's bounds.
    /// </summary>
    public Snapshot For(PartnerCenterTelemetryOptions options)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && ReferenceEquals(current.Options, options))
        {
            return current;
        }

        var found = _snapshots.GetValue(options, static o => new Snapshot(o));
        Volatile.Write(ref _snapshot, found);
        return found;
    }

    internal sealed class Snapshot
    {
        public Snapshot(PartnerCenterTelemetryOptions options)
        {
            Options = options;
            Classifier = new PartnerCenterErrorClassifier(options.Classification);
            Hosts = new HostFilter(options.Hosts);
            Operations = new OperationNameResolver(options.RouteTemplates, options.MaxOperations, options.MaxUncatalogedCodesPerOperation);
        }

        public PartnerCenterTelemetryOptions Options { get; }

        public PartnerCenterErrorClassifier Classifier { get; }

        public HostFilter Hosts { get; }

        public OperationNameResolver Operations { get; }
    }
}
