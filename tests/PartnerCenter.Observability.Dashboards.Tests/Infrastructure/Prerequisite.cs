namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>
/// An external component a test needs (promtool, amtool, prometheus, bash). On a user's machine without it the test
/// skips with the reason; under <c>CI=true</c> it fails instead, because CI installs every component
/// (eng/test.sh) and a test that could not check anything must not look like a pass.
/// </summary>
internal static class Prerequisite
{
    public static bool InCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, under CI=true, fails) the calling test when <paramref name="missing"/> is true.</summary>
    public static void Require(bool missing, string reason)
    {
        if (!missing)
        {
            return;
        }

        Assert.False(InCi, $"CI=true but {reason}");
        Assert.Skip(reason);
    }

    /// <summary>The full path of an executable on the PATH, or a skip (a failure under CI=true) with the reason.</summary>
    public static string Executable(string name, string reason)
    {
        var path = Promtool.FindOnPath(name);
        Require(path is null, reason);
        return path!;
    }
}
