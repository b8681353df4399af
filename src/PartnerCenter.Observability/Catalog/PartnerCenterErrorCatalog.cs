using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PartnerCenter.Observability;

/// <summary>
/// Every error documented on the editions of Microsoft's "Partner Center REST error codes" page and on other Partner
/// Center docs pages, with its category and source. Built once, on first use, into frozen lookups keyed on
/// (HTTP status, code), on the code alone, and on the description template.
/// </summary>
public static partial class PartnerCenterErrorCatalog
{
    private static readonly PartnerCenterErrorDefinition[] Rows = CatalogBuilder.Build(SeedEditionRows(), OtherSourceRows(), OtherWordingsOfCataloguedRows());
    private static readonly FrozenDictionary<long, PartnerCenterErrorDefinition> ByStatusAndCode = CatalogBuilder.ByStatusAndNumber(Rows);
    private static readonly FrozenDictionary<string, PartnerCenterErrorDefinition> ByStatusAndName = CatalogBuilder.ByStatusAndName(Rows);
    private static readonly FrozenDictionary<int, PartnerCenterErrorDefinition> ByCode = CatalogBuilder.FirstByNumber(Rows);
    private static readonly FrozenDictionary<int, PartnerCenterErrorDefinition> ByCodeAlone = CatalogBuilder.UnambiguousByNumber(Rows);
    private static readonly FrozenDictionary<string, PartnerCenterErrorDefinition> ByNameAlone = CatalogBuilder.UnambiguousByName(Rows);
    private static readonly PartnerCenterErrorDefinition[] TemplateOrder = [.. Rows.Where(r => r.Code is null), .. Rows.Where(r => r.Code is not null)];

    // Templates indexed by the first characters of their literal prefix, so that a description is compared with a
    // handful of candidates rather than every row. Templates with a shorter prefix ("{0} program status ...") are
    // always compared.
    private const int IndexedPrefixLength = 6;
    private static readonly FrozenDictionary<string, PartnerCenterErrorDefinition[]> TemplatesByPrefix = TemplateOrder
        .Where(r => r.Matcher.Prefix.Length >= IndexedPrefixLength)
        .GroupBy(r => r.Matcher.Prefix[..IndexedPrefixLength], StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, PartnerCenterErrorDefinition[]>.AlternateLookup<ReadOnlySpan<char>> TemplatesByPrefixLookup =
        TemplatesByPrefix.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly PartnerCenterErrorDefinition[] UnindexedTemplates = [.. TemplateOrder.Where(r => r.Matcher.Prefix.Length < IndexedPrefixLength)];

    /// <summary>All catalogued errors: the seed edition's rows in page order, then the rows of other editions and pages.</summary>
    public static IReadOnlyList<PartnerCenterErrorDefinition> Definitions => Rows;

    /// <summary>Finds the documented error for an HTTP status and error code.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="code">The Partner Center error code, such as <c>800020</c>.</param>
    /// <param name="definition">The documented error, when found.</param>
    /// <returns><see langword="true"/> when the (status, code) pair is catalogued.</returns>
    public static bool TryFind(int statusCode, string? code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition)
    {
        definition = null;
        return TryParseCode(code, out var number)
            ? TryFind(statusCode, number, out definition)
            : code is { Length: > 0 } && ByStatusAndName.TryGetValue(CatalogBuilder.NameKey(statusCode, code), out definition);
    }

    /// <summary>Finds the documented error for an error code, whatever its status.</summary>
    /// <param name="code">The Partner Center error code, such as <c>800020</c>.</param>
    /// <param name="definition">The documented error, when found.</param>
    /// <returns><see langword="true"/> when the code is catalogued.</returns>
    public static bool TryFindByCode(string? code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition)
    {
        definition = null;
        return TryParseCode(code, out var number)
            ? ByCode.TryGetValue(number, out definition)
            : code is { Length: > 0 } && ByNameAlone.TryGetValue(code, out definition);
    }

    /// <summary>
    /// The code-alone rule: a code catalogued under other statuses decides the category only when all its rows agree
    /// on one, and never makes a response retryable whose status is not (a transient row says nothing about a 400).
    /// </summary>
    internal static bool TryFindByCodeAlone(int statusCode, string code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition) =>
        TryParseCode(code, out var number)
            ? TryFindByCodeAlone(statusCode, number, out definition)
            : Applies(statusCode, ByNameAlone.TryGetValue(code, out var row) ? row : null, out definition);

    internal static bool TryFindByCodeAlone(int statusCode, int code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition) =>
        Applies(statusCode, ByCodeAlone.TryGetValue(code, out var row) ? row : null, out definition);

    private static bool Applies(int statusCode, PartnerCenterErrorDefinition? row, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition)
    {
        definition = row is not null && (row.Category != PartnerCenterErrorCategory.Transient || Classification.StatusRules.ByStatus(statusCode) == PartnerCenterErrorCategory.Transient) ? row : null;
        return definition is not null;
    }

    internal static bool TryFind(int statusCode, int code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition) =>
        ByStatusAndCode.TryGetValue(Key(statusCode, code), out definition);

    /// <summary>Finds the row whose template matches the description: the first one documented at this status, else the first one; rows without a code are tried first.</summary>
    internal static bool TryMatchTemplate(int statusCode, ReadOnlySpan<char> description, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition)
    {
        var normalised = DescriptionTemplate.NormaliseForLookup(description);
        definition = null;
        if (normalised.Length >= IndexedPrefixLength
            && TemplatesByPrefixLookup.TryGetValue(normalised[..IndexedPrefixLength], out var candidates)
            && TryMatch(candidates, statusCode, normalised, ref definition))
        {
            return true;
        }

        return TryMatch(UnindexedTemplates, statusCode, normalised, ref definition) || definition is not null;
    }

    /// <summary>True when a row at the status matched; <paramref name="definition"/> keeps the first match at any status.</summary>
    private static bool TryMatch(PartnerCenterErrorDefinition[] rows, int statusCode, ReadOnlySpan<char> description, [NotNullWhen(true)] ref PartnerCenterErrorDefinition? definition)
    {
        foreach (var row in rows)
        {
            if (row.Matcher.IsMatch(description))
            {
                if (row.StatusCode == statusCode)
                {
                    definition = row;
                    return true;
                }

                definition ??= row;
            }
        }

        return false;
    }

    internal static bool TryParseCode(string? code, out int number)
    {
        number = 0;
        return code is { Length: > 0 and <= 9 } && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    internal static long Key(int statusCode, int code) => ((long)statusCode << 32) | (uint)code;
}
