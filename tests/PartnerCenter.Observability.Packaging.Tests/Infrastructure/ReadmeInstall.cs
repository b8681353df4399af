using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Packaging.Tests.Infrastructure;

/// <summary>
/// The README's install path before publishing, as written there (section "Install from a clone"): the nuget.config
/// block after <c>&lt;!-- nuget-config --&gt;</c>, and the <c>dotnet add package</c> and <c>dotnet tool install</c> lines,
/// with the README's placeholder path replaced by the folder the test packed into.
/// </summary>
internal static partial class ReadmeInstall
{
    public const string PlaceholderFolder = "/full/path/to/PartnerCenter.Observability/artifacts/packages";

    public static string NuGetConfig(string repositoryRoot, string feed)
    {
        var readme = Read(repositoryRoot);
        var match = NuGetConfigBlock().Match(readme);
        Assert.True(match.Success, "README.md has no ```xml block after <!-- nuget-config -->");
        var config = match.Groups["xml"].Value;
        Assert.Contains(PlaceholderFolder, config, StringComparison.Ordinal);
        return config.Replace(PlaceholderFolder, feed, StringComparison.Ordinal);
    }

    /// <summary>The arguments of the README's line that starts with <paramref name="prefix"/> (after <c>dotnet</c>).</summary>
    public static string[] Arguments(string repositoryRoot, string prefix, string feed)
    {
        var line = Read(repositoryRoot).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"README.md has no line starting with `{prefix}`");
        return [.. line!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => a == PlaceholderFolder ? feed : a)];
    }

    private static string Read(string repositoryRoot) => File.ReadAllText(Path.Combine(repositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    [GeneratedRegex("<!-- nuget-config -->\n```xml\n(?<xml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex NuGetConfigBlock();
}
