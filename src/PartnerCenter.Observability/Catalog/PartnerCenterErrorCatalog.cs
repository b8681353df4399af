using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PartnerCenter.Observability;

/// <summary>
/// Every error documented on Microsoft's "Partner Center REST error codes" page, with its category.
/// Built once, on first use, into frozen lookups keyed on (HTTP status, code), on the code alone, and on the description template.
/// </summary>
public static partial class PartnerCenterErrorCatalog
{
    private static readonly PartnerCenterErrorDefinition[] Rows = CreateDefinitions();
    private static readonly FrozenDictionary<long, PartnerCenterErrorDefinition> ByStatusAndCode = BuildByStatusAndCode(Rows);
    private static readonly FrozenDictionary<int, PartnerCenterErrorDefinition> ByCode = BuildByCode(Rows);
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

    /// <summary>All catalogued errors, in the order of the source page.</summary>
    public static IReadOnlyList<PartnerCenterErrorDefinition> Definitions => Rows;

    /// <summary>Finds the documented error for an HTTP status and error code.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="code">The Partner Center error code, such as <c>800020</c>.</param>
    /// <param name="definition">The documented error, when found.</param>
    /// <returns><see langword="true"/> when the (status, code) pair is catalogued.</returns>
    public static bool TryFind(int statusCode, string? code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition)
    {
        definition = null;
        return TryParseCode(code, out var number) && TryFind(statusCode, number, out definition);
    }

    /// <summary>Finds the documented error for an error code, whatever its status.</summary>
    /// <param name="code">The Partner Center error code, such as <c>800020</c>.</param>
    /// <param name="definition">The documented error, when found.</param>
    /// <returns><see langword="true"/> when the code is catalogued.</returns>
    public static bool TryFindByCode(string? code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition)
    {
        definition = null;
        return TryParseCode(code, out var number) && ByCode.TryGetValue(number, out definition);
    }

    internal static bool TryFind(int statusCode, int code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition) =>
        ByStatusAndCode.TryGetValue(Key(statusCode, code), out definition);

    internal static bool TryFindByCode(int code, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition) =>
        ByCode.TryGetValue(code, out definition);

    /// <summary>Finds the first row whose template matches the description; rows without a code are tried first.</summary>
    internal static bool TryMatchTemplate(ReadOnlySpan<char> description, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition)
    {
        var normalised = DescriptionTemplate.NormaliseForLookup(description);
        if (normalised.Length >= IndexedPrefixLength
            && TemplatesByPrefixLookup.TryGetValue(normalised[..IndexedPrefixLength], out var candidates)
            && TryMatch(candidates, normalised, out definition))
        {
            return true;
        }

        return TryMatch(UnindexedTemplates, normalised, out definition);
    }

    private static bool TryMatch(PartnerCenterErrorDefinition[] rows, ReadOnlySpan<char> description, [NotNullWhen(true)] out PartnerCenterErrorDefinition? definition)
    {
        foreach (var row in rows)
        {
            if (row.Matcher.IsMatch(description))
            {
                definition = row;
                return true;
            }
        }

        definition = null;
        return false;
    }

    internal static bool TryParseCode(string? code, out int number)
    {
        number = 0;
        return code is { Length: > 0 and <= 9 } && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static long Key(int statusCode, int code) => ((long)statusCode << 32) | (uint)code;

    private static FrozenDictionary<long, PartnerCenterErrorDefinition> BuildByStatusAndCode(PartnerCenterErrorDefinition[] rows)
    {
        var map = new Dictionary<long, PartnerCenterErrorDefinition>();
        foreach (var row in rows)
        {
            if (TryParseCode(row.Code, out var code))
            {
                map.TryAdd(Key(row.StatusCode, code), row);
            }
        }

        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<int, PartnerCenterErrorDefinition> BuildByCode(PartnerCenterErrorDefinition[] rows)
    {
        var map = new Dictionary<int, PartnerCenterErrorDefinition>();
        foreach (var row in rows)
        {
            if (TryParseCode(row.Code, out var code))
            {
                map.TryAdd(code, row);
            }
        }

        return map.ToFrozenDictionary();
    }
}
