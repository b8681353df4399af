using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Cli.CatalogDiff;

/// <summary>
/// Reads the error-code table of Microsoft's "Partner Center REST error codes" page, either as the markdown source kept
/// in the docs repositories (<c>| HTTP Status | HTTP Error Code | Error code | Description |</c>) or as a text copy
/// where the table is flattened into one line (<c>HTTP Status HTTP Error Code Error code Description BadRequest 800002 ...</c>).
/// </summary>
internal static partial class DocsTableReader
{
    private const string TextHeader = "HTTP Status HTTP Error Code Error code Description";

    private static readonly Dictionary<string, int> StatusNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BadRequest"] = 400, ["Unauthorized"] = 401, ["Forbidden"] = 403, ["NotFound"] = 404, ["MethodNotAllowed"] = 405,
        ["NotAcceptable"] = 406, ["RequestTimeout"] = 408, ["Conflict"] = 409, ["Gone"] = 410, ["PreconditionFailed"] = 412,
        ["ExpectationFailed"] = 417, ["TooManyRequests"] = 429, ["InternalServerError"] = 500, ["NotImplemented"] = 501,
        ["BadGateway"] = 502, ["ServiceUnavailable"] = 503, ["GatewayTimeout"] = 504,
    };

    public static bool TryRead(string text, out List<DocsRow> rows, out string? error)
    {
        rows = [];
        var lines = text.Split('\n');
        var header = Array.FindIndex(lines, IsMarkdownHeader);
        if (header >= 0)
        {
            return TryReadMarkdown(lines, header, rows, out error) && HasRows(rows, out error);
        }

        // The text copy flattens the table into lines of rows, interrupted by explanatory paragraphs that belong to the row before them.
        var at = text.IndexOf(TextHeader, StringComparison.Ordinal);
        if (at >= 0)
        {
            ReadFlattened(WhiteSpace().Replace(text[(at + TextHeader.Length)..], " "), rows);
            return HasRows(rows, out error);
        }

        error = "no error-code table found: expected a markdown table '| HTTP Status | HTTP Error Code | Error code | Description |' or a text copy of the page with 'HTTP Status HTTP Error Code Error code Description'";
        return false;
    }

    private static bool HasRows(List<DocsRow> rows, out string? error)
    {
        error = rows.Count == 0 ? "the error-code table has no rows" : null;
        return rows.Count > 0;
    }

    private static bool IsMarkdownHeader(string line)
    {
        var cells = Cells(line);
        return cells is ["HTTP Status", "HTTP Error Code", "Error code", "Description"] || (cells.Count == 4
            && cells.Zip(["http status", "http error code", "error code", "description"]).All(p => p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase)));
    }

    private static bool TryReadMarkdown(string[] lines, int header, List<DocsRow> rows, out string? error)
    {
        for (var i = header + 1; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
        {
            var cells = Cells(lines[i]);
            if (cells.All(c => SeparatorCell().IsMatch(c)))
            {
                continue;
            }

            if (cells.Count != 4 || !TryStatus(cells[0], out var status) && !TryStatus(cells[1], out status))
            {
                error = $"line {i + 1}: not a row of four cells with an HTTP status: {lines[i].Trim()}";
                return false;
            }

            var code = cells[2].Trim('`', ' ');
            if (code.Length > 0 && !CodeCell().IsMatch(code))
            {
                error = $"line {i + 1}: '{code}' is not an error code";
                return false;
            }

            rows.Add(new DocsRow(status, code.Length == 0 ? null : code, cells[3]));
        }

        error = null;
        return true;
    }

    private static void ReadFlattened(string table, List<DocsRow> rows)
    {
        var starts = StatusToken().Matches(table);
        for (var i = 0; i < starts.Count; i++)
        {
            var from = starts[i].Index + starts[i].Length;
            var to = i + 1 < starts.Count ? starts[i + 1].Index : table.Length;
            var rest = table[from..to].Trim();
            var code = LeadingCode().Match(rest);
            rows.Add(new DocsRow(
                StatusNames[starts[i].Groups["name"].Value],
                code.Success ? code.Groups["code"].Value : null,
                code.Success ? rest[code.Length..].Trim() : rest));
        }
    }

    private static bool TryStatus(string cell, out int status)
    {
        cell = cell.Trim('`', ' ');
        return int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out status) && status is >= 100 and <= 599
            || StatusNames.TryGetValue(cell, out status);
    }

    /// <summary>The cells of a markdown table row; <c>\|</c> is a literal bar.</summary>
    private static List<string> Cells(string line)
    {
        line = line.Trim();
        if (!line.StartsWith('|'))
        {
            return [];
        }

        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (line[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(line[i]);
            }
        }

        if (cell.ToString().Trim().Length > 0)
        {
            cells.Add(cell.ToString().Trim());
        }

        return cells;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^:?-{3,}:?$")]
    private static partial Regex SeparatorCell();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex CodeCell();

    [GeneratedRegex(@"(?<=^|\s)(?<name>BadRequest|Unauthorized|Forbidden|NotFound|MethodNotAllowed|NotAcceptable|RequestTimeout|Conflict|Gone|PreconditionFailed|ExpectationFailed|TooManyRequests|InternalServerError|NotImplemented|BadGateway|ServiceUnavailable|GatewayTimeout)(?=\s)")]
    private static partial Regex StatusToken();

    [GeneratedRegex(@"^(?<code>\d{1,9})(?=\s)")]
    private static partial Regex LeadingCode();
}
