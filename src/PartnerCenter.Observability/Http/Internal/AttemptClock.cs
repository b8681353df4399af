using System.Diagnostics;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Times an attempt with the monotonic clock (<see cref="TimeProvider.GetTimestamp"/>), as Polly and the runtime's own
/// HTTP metrics do: a wall-clock adjustment during a call moves neither the duration measurement nor the span's
/// duration. The span ends at its start time plus the same elapsed time, so that both report one value.
/// </summary>
internal static class AttemptClock
{
    /// <summary>The start timestamp.</summary>
    public static long Start(TimeProvider timeProvider) => timeProvider.GetTimestamp();

    /// <summary>Seconds since <paramref name="started"/>; the span, if any, ends that long after its start.</summary>
    public static double ElapsedSeconds(TimeProvider timeProvider, Activity? activity, long started)
    {
        var elapsed = timeProvider.GetElapsedTime(started);
        activity?.SetEndTime(activity.StartTimeUtc + elapsed);
        return elapsed.TotalSeconds;
    }
}
