using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Simulator;

/// <summary>How a <see cref="PartnerCenterSimulator"/> is started.</summary>
public sealed class PartnerCenterSimulatorOptions
{
    /// <summary>The port to listen on, on 127.0.0.1. Default 0: a free port chosen by the operating system (see <see cref="PartnerCenterSimulator.BaseAddress"/>).</summary>
    public int Port { get; set; }

    /// <summary>The seed. The outcome of a request is a pure function of (seed, scenario, the request's sequence number). Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>The scenario at start. Default <see cref="PartnerCenterScenario.Healthy"/>; change it later with <see cref="PartnerCenterSimulator.Scenario"/>.</summary>
    public PartnerCenterScenario Scenario { get; set; } = PartnerCenterScenario.Healthy;

    /// <summary>
    /// The clock for <c>Retry-After</c> HTTP dates, slow-body stalls, held (timeout) responses and
    /// <see cref="PartnerCenterSimulatorRequest.ReceivedAt"/>. Default <see cref="TimeProvider.System"/>; give a fake clock in tests.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long a slow body stalls after its first bytes. Default 5 seconds; zero or more.</summary>
    public TimeSpan SlowBodyDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a timeout holds the response before sending a 504 gateway page. Default 2 minutes (longer than
    /// HttpClient's default 100-second timeout); zero or more.
    /// </summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether a request may force its outcome with the <see cref="PartnerCenterSimulator.OutcomeHeader"/> header. Default <see langword="true"/>.</summary>
    public bool AllowOutcomeOverride { get; set; } = true;

    /// <summary>How many of the most recent requests <see cref="PartnerCenterSimulator.ReceivedRequests"/> keeps. Default 10,000; 0 keeps none.</summary>
    public int MaxRecordedRequests { get; set; } = 10_000;

    /// <summary>Where the simulator (and Kestrel) log; <see langword="null"/> (the default) logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate()
    {
        if (Port is < 0 or > 65_535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The port must be between 0 and 65535.");
        }

        if (!Enum.IsDefined(Scenario))
        {
            throw new ArgumentOutOfRangeException(nameof(Scenario), Scenario, "Unknown scenario.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentOutOfRangeException.ThrowIfLessThan(SlowBodyDelay, TimeSpan.Zero, nameof(SlowBodyDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(TimeoutDelay, TimeSpan.Zero, nameof(TimeoutDelay));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRecordedRequests, nameof(MaxRecordedRequests));
    }
}
