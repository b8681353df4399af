using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Cli.CatalogDiff;

/// <summary>Differences as lines that paste into PartnerCenterErrorCatalog.OtherSources.Data.cs.</summary>
internal static class DiffFormatting
{
    public static string Format(IReadOnlyList<CatalogDifference> differences, string source, int rowsRead)
    {
        var text = new StringBuilder();
        foreach (var d in differences.OrderBy(d => d.Kind).ThenBy(d => d.Status).ThenBy(d => d.Code, StringComparer.Ordinal))
        {
            var code = d.Code is null ? "null" : $"\"{Escape(d.Code)}\"";
            if (d.Kind == DifferenceKind.Missing)
            {
                text.Append(CultureInfo.InvariantCulture, $"// missing: {(d.Status == 0 ? "-" : d.Status)} {d.Code ?? "-"} {d.Category.ToTagValue()} \"{d.Description}\": {d.Reason}\n");
                continue;
            }

            var kind = d.Kind switch
            {
                DifferenceKind.Added => "added",
                DifferenceKind.ChangedStatus => "changed status",
                _ => "changed description",
            };
            text.Append(CultureInfo.InvariantCulture, $"R(\"{Escape(source)}\", {d.Status}, {code}, {d.Category}, \"{Escape(d.Description)}\"), // {kind}: {d.Reason}\n");
        }

        var added = differences.Count(d => d.Kind == DifferenceKind.Added);
        var changed = differences.Count(d => d.Kind is DifferenceKind.ChangedStatus or DifferenceKind.ChangedDescription);
        var missing = differences.Count(d => d.Kind == DifferenceKind.Missing);
        text.Append(CultureInfo.InvariantCulture, $"// {rowsRead} rows read; {added} added, {changed} changed, {missing} missing against {PartnerCenterErrorCatalog.Definitions.Count} catalogued rows\n");
        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
