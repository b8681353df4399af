using System.Runtime.CompilerServices;
using PartnerCenter.Observability.Operations;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Shared, long-lived state of the handlers of one service provider: the instruments, the operation naming (whose caps
/// bound the operation and code tag values, shared with the other packages through
/// <see cref="PartnerCenterOperationResolver"/>), and per options instance the classifier.
/// </summary>
internal sealed class PartnerCenterTelemetryState(PartnerCenterInstruments instruments, PartnerCenterOperationResolver operations)
{
    private readonly ConditionalWeakTable<PartnerCenterTelemetryOptions, Snapshot> _snapshots = new();
    private Snapshot? _snapshot;

    public PartnerCenterInstruments Instruments { get; } = instruments;

    public PartnerCenterOperationResolver OperationResolver { get; } = operations;

    public Discovery.UncatalogedCodeDiscovery Discovery { get; } = new();

    public UnlistedHostWatch HostWatch { get; } = new();

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

        var found = _snapshots.GetValue(options, o => new Snapshot(o, OperationResolver.For(o)));
        Volatile.Write(ref _snapshot, found);
        return found;
    }

    internal sealed class Snapshot(PartnerCenterTelemetryOptions options, OperationNaming naming)
    {
        public PartnerCenterTelemetryOptions Options { get; } = options;

        public PartnerCenterErrorClassifier Classifier { get; } = new(options.Classification);

        public HostFilter Hosts { get; } = naming.Hosts;

        public OperationNameResolver Operations { get; } = naming.Operations;

        /// <summary>The per-operation cap of uncatalogued codes on metrics.</summary>
        public MetricCodeCap Codes { get; } = new(options.MaxUncatalogedCodesPerOperation);
    }
}
