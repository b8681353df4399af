using System.Diagnostics;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Times an attempt with as few clock reads as it can (each is tens of nanoseconds, and more where the clock source is
/// not the CPU's counter). With the system clock and a span, the span's start time is the attempt's start, and the one
/// read at the end becomes the span's end time as well, so that stopping the span reads no clock again: two reads per
/// attempt instead of four. Without a span, or with another <see cref="TimeProvider"/> (tests), its timestamps.
/// </summary>
internal static class AttemptClock
{
    /// <summary>The start timestamp, or 0 when the span's start time serves.</summary>
    public static long Start(TimeProvider timeProvider, Activity? activity) =>
        UsesSpan(timeProvider, activity) ? 0 : timeProvider.GetTimestamp();

    /// <summary>Seconds since the start; with a span, also its end time.</summary>
    public static double ElapsedSeconds(TimeProvider timeProvider, Activity? activity, long started)
    {
        if (!UsesSpan(timeProvider, activity))
        {
            return timeProvider.GetElapsedTime(started).TotalSeconds;
        }

        var end = timeProvider.GetUtcNow().UtcDateTime;
        activity!.SetEndTime(end);
        return Math.Max(0, (end - activity.StartTimeUtc).TotalSeconds);
    }

    private static bool UsesSpan(TimeProvider timeProvider, Activity? activity) =>
        activity is not null && ReferenceEquals(timeProvider, TimeProvider.System);
}
