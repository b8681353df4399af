using System.Globalization;
using PartnerCenter.Observability.Cli.CatalogDiff;

namespace PartnerCenter.Observability.Cli;

/// <summary>The pc-errors commands: explain, classify, catalog and catalog diff. Exit codes: 0 done, 1 not found or differences, 2 bad arguments or input.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int NotFound = 1;
    public const int Differences = 1;
    public const int Usage = 2;

    public const string UsageText = """
        Usage:
          pc-errors explain <code> [--status <n>]
              Print the status, category, retryable flag, template and what to do for a Partner Center error code.
          pc-errors classify --status <n> [--content-type <type>] [--max-bytes <n>]
              Read a response body from stdin and print one JSON object:
              {"status":403,"code":"800020","category":"eligibility","retryable":false,"template":"...","reason":"..."}
          pc-errors catalog [--format json|markdown]
              Print the whole catalogue.
          pc-errors catalog diff <file> [--baseline <source>] [--source-name <name>]
              Compare a newer copy of the "Partner Center REST error codes" page (its markdown source, with the table
              | HTTP Status | HTTP Error Code | Error code | Description |, or a text copy) with the catalogue. Prints
              every added, changed or missing row with a proposed category and reason, as lines that paste into
              PartnerCenterErrorCatalog.OtherSources.cs. --baseline: the catalogue source whose rows the page should
              list (default: every edition of the error-code page); --source-name: the source written on the lines.

        Exit codes: 0 success (diff: no differences), 1 code not catalogued (explain) or differences (diff),
        2 bad arguments or bad input.
        """;

    public static async Task<int> RunAsync(string[] args, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            return Fail(stderr, "missing command");
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(UsageText).ConfigureAwait(false);
            return Ok;
        }

        if (!ArgumentList.TryParse(args.AsSpan(1), out var parsed, out var error))
        {
            return Fail(stderr, error);
        }

        return args[0] switch
        {
            "explain" => await ExplainAsync(parsed, stdout, stderr).ConfigureAwait(false),
            "classify" => await ClassifyAsync(parsed, stdin, stdout, stderr).ConfigureAwait(false),
            "catalog" => await CatalogAsync(parsed, stdout, stderr).ConfigureAwait(false),
            _ => Fail(stderr, $"unknown command '{args[0]}'"),
        };
    }

    private static async Task<int> ExplainAsync(ArgumentList args, TextWriter stdout, TextWriter stderr)
    {
        if (!args.Only(["--status"], out var error) || args.Positional.Count != 1)
        {
            return Fail(stderr, error ?? "explain takes exactly one <code>");
        }

        if (!TryGetStatus(args, required: false, out var status, out error))
        {
            return Fail(stderr, error);
        }

        var code = args.Positional[0];
        PartnerCenterErrorDefinition? definition = null;
        var found = (status is { } s && PartnerCenterErrorCatalog.TryFind(s, code, out definition))
            || PartnerCenterErrorCatalog.TryFindByCode(code, out definition);
        if (!found || definition is null)
        {
            // Throttling and gateway answers carry the HTTP status as their code ("code": "429"): the status decides.
            if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var asStatus) && asStatus is >= 400 and <= 599)
            {
                await stdout.WriteLineAsync(Formatting.ExplainStatus(PartnerCenterErrorClassifier.ClassifyStatus(asStatus))).ConfigureAwait(false);
                return Ok;
            }

            await stderr.WriteLineAsync($"pc-errors: code '{code}' is not in the catalogue").ConfigureAwait(false);
            return NotFound;
        }

        await stdout.WriteLineAsync(Formatting.Explain(definition)).ConfigureAwait(false);
        return Ok;
    }

    private static async Task<int> ClassifyAsync(ArgumentList args, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        if (!args.Only(["--status", "--content-type", "--max-bytes"], out var error) || args.Positional.Count != 0)
        {
            return Fail(stderr, error ?? "classify takes no positional arguments");
        }

        if (!TryGetStatus(args, required: true, out var status, out error))
        {
            return Fail(stderr, error);
        }

        var options = new PartnerCenterClassificationOptions();
        if (args.Named.TryGetValue("--max-bytes", out var maxText))
        {
            if (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max < 256)
            {
                return Fail(stderr, "--max-bytes must be a whole number of at least 256");
            }

            options.MaxBodyBytes = max;
        }

        // Read at most one byte past the limit: enough to know the body was longer.
        var body = await ReadBoundedAsync(stdin, options.MaxBodyBytes + 1).ConfigureAwait(false);
        args.Named.TryGetValue("--content-type", out var contentType);
        var result = new PartnerCenterErrorClassifier(options).Classify(status!.Value, body, contentType);
        await stdout.WriteLineAsync(Formatting.ClassificationJson(result)).ConfigureAwait(false);
        return Ok;
    }

    private static async Task<int> CatalogAsync(ArgumentList args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional is ["diff", ..])
        {
            return await CatalogDiffAsync(args, stdout, stderr).ConfigureAwait(false);
        }

        if (!args.Only(["--format"], out var error) || args.Positional.Count != 0)
        {
            return Fail(stderr, error ?? "catalog takes no positional arguments");
        }

        var format = args.Named.GetValueOrDefault("--format", "json");
        var text = format switch
        {
            "json" => Formatting.CatalogJson(),
            "markdown" or "md" => Formatting.CatalogMarkdown(),
            _ => null,
        };
        if (text is null)
        {
            return Fail(stderr, $"unknown format '{format}' (json or markdown)");
        }

        await stdout.WriteAsync(text).ConfigureAwait(false);
        return Ok;
    }

    private static async Task<int> CatalogDiffAsync(ArgumentList args, TextWriter stdout, TextWriter stderr)
    {
        const long MaxFileBytes = 8 * 1024 * 1024;
        if (!args.Only(["--baseline", "--source-name"], out var error) || args.Positional.Count != 2)
        {
            return Fail(stderr, error ?? "catalog diff takes exactly one <file>");
        }

        var path = args.Positional[1];
        string text;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxFileBytes)
            {
                return BadInput(stderr, file.Exists ? $"'{path}' is larger than {MaxFileBytes} bytes" : $"'{path}' does not exist");
            }

            text = await File.ReadAllTextAsync(path).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return BadInput(stderr, $"cannot read '{path}': {ex.Message}");
        }

        if (!DocsTableReader.TryRead(text, out var rows, out error))
        {
            return BadInput(stderr, $"'{path}': {error}");
        }

        var baseline = args.Named.GetValueOrDefault("--baseline");
        Func<PartnerCenterErrorDefinition, bool> inBaseline = baseline is null
            ? d => d.Source.StartsWith(CatalogDiffer.ErrorCodePage, StringComparison.Ordinal)
            : d => string.Equals(d.Source, baseline, StringComparison.Ordinal);
        if (baseline is not null && !PartnerCenterErrorCatalog.Definitions.Any(inBaseline))
        {
            return Fail(stderr, $"no catalogue row has the source '{baseline}'");
        }

        var differences = CatalogDiffer.Diff(rows, inBaseline);
        var sourceName = args.Named.GetValueOrDefault("--source-name") ?? Path.GetFileNameWithoutExtension(path);
        await stdout.WriteAsync(DiffFormatting.Format(differences, sourceName, rows.Count)).ConfigureAwait(false);
        return differences.Count == 0 ? Ok : Differences;
    }

    private static int BadInput(TextWriter stderr, string message)
    {
        stderr.WriteLine($"pc-errors: {message}");
        return Usage;
    }

    private static bool TryGetStatus(ArgumentList args, bool required, out int? status, out string? error)
    {
        status = null;
        error = null;
        if (!args.Named.TryGetValue("--status", out var text))
        {
            error = required ? "--status <n> is required" : null;
            return !required;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 100 or > 599)
        {
            error = $"--status must be an HTTP status between 100 and 599, not '{text}'";
            return false;
        }

        status = value;
        return true;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, int limit)
    {
        var buffer = new byte[limit];
        var total = 0;
        int read;
        while (total < limit && (read = await stream.ReadAsync(buffer.AsMemory(total, limit - total)).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return buffer.AsSpan(0, total).ToArray();
    }

    private static int Fail(TextWriter stderr, string? message)
    {
        stderr.WriteLine($"pc-errors: {message}");
        stderr.WriteLine(UsageText);
        return Usage;
    }
}
