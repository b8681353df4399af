using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Simulator.Hosting;

/// <summary>The simulator's log messages (source-generated).</summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Partner Center simulator listening on {BaseAddress} (scenario {Scenario}, seed {Seed})")]
    public static partial void Started(ILogger logger, Uri baseAddress, PartnerCenterScenario scenario, int seed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Scenario changed from {Previous} to {Scenario}")]
    public static partial void ScenarioChanged(ILogger logger, PartnerCenterScenario previous, PartnerCenterScenario scenario);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Request {Sequence} {Method} {Path}: {Outcome} {StatusCode} {ErrorCode} (forced {Forced})")]
    public static partial void Planned(ILogger logger, long sequence, string method, string path, string outcome, int statusCode, string? errorCode, bool forced);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Request {Sequence}: invalid X-Simulator-Outcome header: {Reason}")]
    public static partial void InvalidOverride(ILogger logger, long sequence, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Request {Sequence}: the client went away or the simulator stopped during a {Outcome} response; connection aborted")]
    public static partial void Abandoned(ILogger logger, long sequence, string outcome);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Partner Center simulator stopped after {RequestCount} requests")]
    public static partial void Stopped(ILogger logger, long requestCount);
}
