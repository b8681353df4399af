using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Simulator.Recording;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Hosting;

/// <summary>The state shared by the requests of one simulator: the seed, the scenario in force, the sequence counter and the recorder. Thread-safe.</summary>
internal sealed class SimulatorState : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private int _scenario;
    private long _sequence;

    public SimulatorState(PartnerCenterSimulatorOptions options, ILogger logger)
    {
        Seed = options.Seed;
        TimeProvider = options.TimeProvider;
        SlowBodyDelay = options.SlowBodyDelay;
        TimeoutDelay = options.TimeoutDelay;
        AllowOutcomeOverride = options.AllowOutcomeOverride;
        Recorder = new RequestRecorder(options.MaxRecordedRequests);
        Logger = logger;
        _scenario = (int)options.Scenario;

        var random = new DeterministicRandom(Seed, -3, 0);
        PartnerId = random.NextGuid().ToString();
    }

    public int Seed { get; }

    public TimeProvider TimeProvider { get; }

    public TimeSpan SlowBodyDelay { get; }

    public TimeSpan TimeoutDelay { get; }

    public bool AllowOutcomeOverride { get; }

    public RequestRecorder Recorder { get; }

    public ILogger Logger { get; }

    /// <summary>The partner's tenant id: in <c>WWW-Authenticate</c> (<c>urn:cpsvc:cpid:{id}</c>) and transfers. Follows the seed.</summary>
    public string PartnerId { get; }

    /// <summary>Cancelled when the simulator stops, so that held responses end at once.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public long RequestCount => Interlocked.Read(ref _sequence);

    public PartnerCenterScenario Scenario
    {
        get => (PartnerCenterScenario)Volatile.Read(ref _scenario);
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown scenario.");
            }

            var previous = (PartnerCenterScenario)Interlocked.Exchange(ref _scenario, (int)value);
            if (previous != value)
            {
                SimulatorLog.ScenarioChanged(Logger, previous, value);
            }
        }
    }

    /// <summary>The next request's sequence number: 1, 2, 3...</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}
