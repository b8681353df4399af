namespace PartnerCenter.Observability.Hardening.Tests.Infrastructure;

/// <summary>
/// CI runs the short variants; <c>PCO_LONG_RUN=1</c> (set by <c>eng/long-run.sh</c>) switches every test to its full
/// count, size or duration.
/// </summary>
internal static class RunMode
{
    public static bool IsLong { get; } = Environment.GetEnvironmentVariable("PCO_LONG_RUN") == "1";

    public static string Name => IsLong ? "long" : "ci";

    public static int Pick(int ci, int longRun) => IsLong ? longRun : ci;

    public static long Pick(long ci, long longRun) => IsLong ? longRun : ci;

    public static TimeSpan Pick(TimeSpan ci, TimeSpan longRun) => IsLong ? longRun : ci;
}
