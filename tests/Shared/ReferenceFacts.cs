using System.Globalization;

namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>One row of a reference TSV: status (null when the source gives none), code (null when none) and description.</summary>
internal sealed record ReferenceFact(string File, int Line, int? Status, string? Code, string Description)
{
    public override string ToString() => $"{File}:{Line} {Status?.ToString(CultureInfo.InvariantCulture) ?? "-"} {Code ?? "-"} {Description}";
}

/// <summary>Reads the three reference files of error facts: the seed extraction, other editions, other pages.</summary>
internal static class ReferenceFacts
{
    public const string Seed = "partner-center-error-codes.tsv";
    public const string OtherEditions = "partner-center-error-codes-other-editions.tsv";
    public const string OtherPages = "partner-center-error-facts-other-pages.tsv";

    public static IReadOnlyList<ReferenceFact> Read(string file)
    {
        // Column positions of (status, code, description) in each file.
        var (status, code, description) = file switch
        {
            Seed => (0, 2, 3),
            OtherEditions => (1, 2, 3),
            OtherPages => (0, 1, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(file), file, "not a reference file"),
        };

        var facts = new List<ReferenceFact>();
        var lines = File.ReadAllLines(RepositoryPaths.ReferenceFile(file));
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Split('\t').Select(Unquote).ToArray();
            var statusText = cells[status].Trim();
            var codeText = cells[code].Trim();
            facts.Add(new ReferenceFact(
                file,
                i + 1,
                statusText.Length == 0 ? null : int.Parse(statusText, NumberStyles.None, CultureInfo.InvariantCulture),
                codeText.Length == 0 ? null : codeText,
                cells[description].Trim()));
        }

        return facts;
    }

    /// <summary>Undoes spreadsheet quoting: <c>"a ""b"""</c> is <c>a "b"</c>.</summary>
    private static string Unquote(string cell) =>
        cell.Length >= 2 && cell[0] == '"' && cell[^1] == '"' ? cell[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : cell;
}
