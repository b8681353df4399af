using System.Text.Json;
using PartnerCenter.Observability.Docs.Tests.Infrastructure;

namespace PartnerCenter.Observability.Docs.Tests.Logging;

/// <summary>The <c>Logging:LogLevel</c> filters the README recommends: the ```json block right after the <c>&lt;!-- log-filters --&gt;</c> marker.</summary>
internal static class RecommendedLogFilters
{
    public const string Marker = "<!-- log-filters -->";

    public static IReadOnlyDictionary<string, string> Read()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var marker = readme.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(marker >= 0, $"README.md has no {Marker} marker before its recommended log filters");
        var start = readme.IndexOf("```json\n", marker, StringComparison.Ordinal) + "```json\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(readme[start..end]);
        return json.RootElement.GetProperty("Logging").GetProperty("LogLevel").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}
