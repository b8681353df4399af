namespace PartnerCenter.Observability.Tests.Classification.Generalisation;

/// <summary>
/// One description of the catalogue as a labelled example for the fallback: the code it belongs to (the fold's group),
/// the status it is documented at, its text and its category.
/// </summary>
internal sealed record FallbackExample(string Group, int Status, string Text, PartnerCenterErrorCategory Category)
{
    /// <summary>The statuses the fallback decides, and so the ones it is measured on.</summary>
    public bool IsFallbackStatus => Status is 400 or 403 or 422;

    /// <summary>Every wording of every catalogued row (variants included), except items of successful responses (200).</summary>
    /// <remarks>
    /// A row without a status (0) is counted at 400, where such codes come. A row without a code is its own group.
    /// </remarks>
    public static IReadOnlyList<FallbackExample> FromCatalogue()
    {
        var examples = new List<FallbackExample>();
        foreach (var row in PartnerCenterErrorCatalog.Definitions.SelectMany(r => r.Variants.Prepend(r)).Distinct())
        {
            if (row.StatusCode == 200)
            {
                continue;
            }

            var status = row.StatusCode == 0 ? 400 : row.StatusCode;
            var group = row.Code ?? "template: " + row.Template;
            foreach (var text in row.OtherWordings.Prepend(row.Template).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                examples.Add(new FallbackExample(group, status, text, row.Category));
            }
        }

        return examples;
    }

    public override string ToString() => $"{Status} [{Group}] {Category.ToTagValue()}: {Text}";
}
