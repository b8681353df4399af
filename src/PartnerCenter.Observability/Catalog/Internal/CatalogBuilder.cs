using System.Collections.Frozen;
using System.Globalization;

namespace PartnerCenter.Observability;

/// <summary>Puts the catalogue's rows together and builds its lookups; fails loudly (at type initialisation, so every test sees it) on an inconsistent table.</summary>
internal static class CatalogBuilder
{
    /// <summary>
    /// The seed rows, then the other sources' rows. A later row with the same (status, code) and another category becomes
    /// a variant of the first (told apart by description); with the same category it is a mistake. Other wordings are
    /// attached to the row they belong to.
    /// </summary>
    public static PartnerCenterErrorDefinition[] Build(
        PartnerCenterErrorDefinition[] seed,
        PartnerCenterErrorDefinition[] others,
        (int Status, string Code, string Wording)[] wordings)
    {
        var rows = new List<PartnerCenterErrorDefinition>(seed.Length + others.Length);
        var primaries = new Dictionary<(int, string), PartnerCenterErrorDefinition>();
        foreach (var row in seed.Concat(others))
        {
            rows.Add(row);
            if (row.Code is null)
            {
                continue;
            }

            var key = (row.StatusCode, row.Code.ToUpperInvariant());
            if (!primaries.TryGetValue(key, out var primary))
            {
                primaries.Add(key, row);
                continue;
            }

            if (primary.Category == row.Category || primary.Variants.Any(v => v.Category == row.Category))
            {
                throw new InvalidOperationException($"Catalogue row {row} repeats {primary}: make it another wording of that row.");
            }

            primary.Variants = [.. primary.Variants, row];
        }

        foreach (var group in wordings.GroupBy(w => (w.Status, w.Code.ToUpperInvariant())))
        {
            if (!primaries.TryGetValue(group.Key, out var row))
            {
                throw new InvalidOperationException($"Other wording of ({group.Key.Status}, {group.Key.Item2}) has no catalogue row.");
            }

            row.OtherWordings = [.. row.OtherWordings, .. group.Select(w => w.Wording)];
        }

        return [.. rows];
    }

    public static string NameKey(int statusCode, string code) => string.Create(CultureInfo.InvariantCulture, $"{statusCode}:{code}");

    public static FrozenDictionary<long, PartnerCenterErrorDefinition> ByStatusAndNumber(PartnerCenterErrorDefinition[] rows) =>
        Numbered(rows).DistinctBy(r => PartnerCenterErrorCatalog.Key(r.Row.StatusCode, r.Number))
            .ToFrozenDictionary(r => PartnerCenterErrorCatalog.Key(r.Row.StatusCode, r.Number), r => r.Row);

    public static FrozenDictionary<string, PartnerCenterErrorDefinition> ByStatusAndName(PartnerCenterErrorDefinition[] rows) =>
        rows.Where(r => r.Code is not null && !PartnerCenterErrorCatalog.TryParseCode(r.Code, out _))
            .DistinctBy(r => NameKey(r.StatusCode, r.Code!), StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(r => NameKey(r.StatusCode, r.Code!), StringComparer.OrdinalIgnoreCase);

    /// <summary>The first row of each numeric code, whatever its status (for look-ups by people: <c>pc-errors explain</c>).</summary>
    public static FrozenDictionary<int, PartnerCenterErrorDefinition> FirstByNumber(PartnerCenterErrorDefinition[] rows) =>
        Numbered(rows).DistinctBy(r => r.Number).ToFrozenDictionary(r => r.Number, r => r.Row);

    /// <summary>Numeric codes whose error rows (status 0 or 400 and above) all agree on one category: the code-alone rule.</summary>
    public static FrozenDictionary<int, PartnerCenterErrorDefinition> UnambiguousByNumber(PartnerCenterErrorDefinition[] rows) =>
        Unambiguous(rows, numeric: true).ToFrozenDictionary(p => int.Parse(p.Key, NumberStyles.None, CultureInfo.InvariantCulture), p => p.Value);

    public static FrozenDictionary<string, PartnerCenterErrorDefinition> UnambiguousByName(PartnerCenterErrorDefinition[] rows) =>
        Unambiguous(rows, numeric: false).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, PartnerCenterErrorDefinition> Unambiguous(PartnerCenterErrorDefinition[] rows, bool numeric) =>
        rows.Where(r => r.StatusCode is 0 or >= 400 && r.Code is not null && PartnerCenterErrorCatalog.TryParseCode(r.Code, out _) == numeric)
            .GroupBy(r => r.Code!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(r => r.Category).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The rows with a numeric code, with that number.</summary>
    private static IEnumerable<(PartnerCenterErrorDefinition Row, int Number)> Numbered(PartnerCenterErrorDefinition[] rows) =>
        rows.Where(r => PartnerCenterErrorCatalog.TryParseCode(r.Code, out _)).Select(r => (r, int.Parse(r.Code!, NumberStyles.None, CultureInfo.InvariantCulture)));
}
