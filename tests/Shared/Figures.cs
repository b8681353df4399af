using System.Globalization;

namespace PartnerCenter.Observability.Hardening.Tests.Infrastructure;

/// <summary>
/// The figures of docs/reliability.md: each test writes what it measured to its output, and appends it to the file named
/// by <c>PCO_FIGURES_FILE</c> when set (<c>eng/long-run.sh</c> prints that file at the end).
/// </summary>
internal static class Figures
{
    private static readonly Lock Gate = new();

    public static void Report(ITestOutputHelper output, string figure, string text)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"FIGURE [{RunMode.Name}] {figure}: {text}");
        output.WriteLine(line);
        var file = Environment.GetEnvironmentVariable("PCO_FIGURES_FILE");
        if (!string.IsNullOrEmpty(file))
        {
            lock (Gate)
            {
                File.AppendAllText(file, line + Environment.NewLine);
            }
        }
    }

    public static string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
