using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>Reads the (status, code) rows out of the flattened text of Microsoft's error-code page, and the codeless rows out of the TSV extraction.</summary>
internal static partial class ReferencePage
{
    public static readonly IReadOnlyDictionary<string, int> StatusNames = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["BadRequest"] = 400,
        ["Unauthorized"] = 401,
        ["Forbidden"] = 403,
        ["NotFound"] = 404,
        ["RequestTimeout"] = 408,
        ["Conflict"] = 409,
        ["ExpectationFailed"] = 417,
        ["InternalServerError"] = 500,
    };

    /// <summary>Every (status, code) pair in the table of the .txt page.</summary>
    public static IReadOnlyList<(int Status, string Code)> CodedRows(string text)
    {
        var table = text[text.IndexOf("HTTP Status HTTP Error Code Error code Description", StringComparison.Ordinal)..];
        return [.. Row().Matches(table).Select(m => (StatusNames[m.Groups["status"].Value], m.Groups["code"].Value)).Distinct()];
    }

    /// <summary>The TSV rows without a code: (status, description).</summary>
    public static IReadOnlyList<(int Status, string Description)> CodelessRows(string tsvPath) =>
        [.. File.ReadLines(tsvPath).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cells => cells.Length >= 4 && cells[2].Length == 0)
            .Select(cells => (int.Parse(cells[0], CultureInfo.InvariantCulture), cells[3].Trim()))];

    [GeneratedRegex(@"\b(?<status>BadRequest|Unauthorized|Forbidden|NotFound|RequestTimeout|Conflict|ExpectationFailed|InternalServerError) (?<code>\d{5,6})\b")]
    private static partial Regex Row();
}
