namespace PartnerCenter.Observability.Cli.CatalogDiff;

/// <summary>Compares the rows of a docs page with the built-in catalogue (docs/error-categories.md, "Catalogue upkeep").</summary>
internal static class CatalogDiffer
{
    /// <summary>The source names of the error-code page's editions all start with this.</summary>
    public const string ErrorCodePage = "error-codes";

    /// <param name="rows">The page's rows.</param>
    /// <param name="inBaseline">Which catalogue rows the page is expected to list (for <see cref="DifferenceKind.Missing"/>).</param>
    public static List<CatalogDifference> Diff(IReadOnlyList<DocsRow> rows, Func<PartnerCenterErrorDefinition, bool> inBaseline)
    {
        var catalogue = PartnerCenterErrorCatalog.Definitions;
        var classifier = PartnerCenterErrorClassifier.Default;
        var differences = new List<CatalogDifference>();
        var present = new HashSet<PartnerCenterErrorDefinition>(ReferenceEqualityComparer.Instance);
        var movedCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var row in rows.Distinct())
        {
            var matched = catalogue.Where(d => (row.Code is null || SameCode(d, row.Code)) && Matches(d, row.Description)).ToList();
            present.UnionWith(matched.Where(d => d.StatusCode == row.Status || d.StatusCode == 0));
            if (row.Code is null)
            {
                if (matched.Count == 0)
                {
                    var result = classifier.Classify(row.Status, code: null, row.Description);
                    differences.Add(new(DifferenceKind.Added, row.Status, null, row.Description, result.Category, result.Reason));
                }

                continue;
            }

            var sameKey = catalogue.Where(d => d.StatusCode == row.Status && SameCode(d, row.Code)).ToList();
            present.UnionWith(sameKey);
            if (sameKey.Count > 0)
            {
                if (!sameKey.Any(d => Matches(d, row.Description)))
                {
                    var was = sameKey[0];
                    differences.Add(new(DifferenceKind.ChangedDescription, row.Status, row.Code, row.Description, was.Category, $"description changed; catalogued as \"{was.Template}\" ({was.Source}), category kept"));
                }

                continue;
            }

            var statuses = catalogue.Where(d => SameCode(d, row.Code)).Select(d => d.StatusCode).Distinct().ToList();
            var classified = classifier.Classify(row.Status, row.Code, row.Description);
            if (statuses.Count > 0)
            {
                movedCodes.Add(row.Code);
                differences.Add(new(DifferenceKind.ChangedStatus, row.Status, row.Code, row.Description, classified.Category, $"status changed; catalogued at {string.Join(", ", statuses)}; {classified.Reason}"));
            }
            else
            {
                differences.Add(new(DifferenceKind.Added, row.Status, row.Code, row.Description, classified.Category, classified.Reason));
            }
        }

        foreach (var missing in catalogue.Where(d => inBaseline(d) && !present.Contains(d) && !(d.Code is not null && movedCodes.Contains(d.Code))))
        {
            differences.Add(new(DifferenceKind.Missing, missing.StatusCode, missing.Code, missing.Template, missing.Category, $"catalogued from {missing.Source}; not in this copy of the page"));
        }

        return differences;
    }

    private static bool SameCode(PartnerCenterErrorDefinition row, string code) => string.Equals(row.Code, code, StringComparison.OrdinalIgnoreCase);

    /// <summary>The catalogued template or wording, or the page's longer text that starts with a template without placeholders (rows followed by an explanatory paragraph).</summary>
    private static bool Matches(PartnerCenterErrorDefinition row, string description) =>
        row.MatchesDescription(description)
        || (!row.Template.Contains('{', StringComparison.Ordinal) && description.StartsWith(row.Template.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
}
