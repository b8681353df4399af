using System.Text.RegularExpressions;
using PartnerCenter.Observability.Docs.Tests.Infrastructure;

namespace PartnerCenter.Observability.Docs.Tests.Options;

/// <summary>One row of docs/options.md: <c>| `Class.Property` | default | `configuration key` | what it changes |</c>.</summary>
internal sealed record OptionRow(string Class, string Property, string Default, string ConfigurationKey);

/// <summary>Reads the option tables of docs/options.md.</summary>
internal static partial class OptionsReference
{
    public static string Path => RepositoryRoot.File("docs/options.md");

    public static IReadOnlyList<OptionRow> Rows { get; } = Read();

    private static List<OptionRow> Read() =>
        File.ReadAllLines(Path)
            .Select(line => Row().Match(line))
            .Where(m => m.Success)
            .Select(m => new OptionRow(m.Groups["class"].Value, m.Groups["property"].Value, m.Groups["default"].Value.Trim(), m.Groups["key"].Value.Trim()))
            .ToList();

    [GeneratedRegex(@"^\|\s*`(?<class>\w+)\.(?<property>\w+)`\s*\|(?<default>[^|]*)\|\s*(?<key>[^|]*)\|")]
    private static partial Regex Row();
}
