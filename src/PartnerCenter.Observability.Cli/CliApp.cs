using System.CommandLine;
using System.Globalization;
using PartnerCenter.Observability.Cli.CatalogDiff;
using PartnerCenter.Observability.CommandLine;

namespace PartnerCenter.Observability.Cli;

/// <summary>The pc-errors commands: explain, classify, catalog and catalog diff. Exit codes: 0 done, 1 not found or differences, 2 bad arguments or input.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int NotFound = 1;
    public const int Differences = 1;
    public const int Usage = CommandLineRunner.BadArguments;

    /// <summary>Runs pc-errors on <paramref name="args"/>: the command tree is <see cref="CliCommandLine"/>.</summary>
    public static Task<int> RunAsync(string[] args, Stream stdin, TextWriter stdout, TextWriter stderr) =>
        CommandLineRunner.RunAsync(CliCommandLine.Create(stdin), args, stdout, stderr, "pc-errors: ", CancellationToken.None);

    internal static async Task<int> ExplainAsync(string code, int? status, TextWriter stdout, TextWriter stderr)
    {
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

            await stderr.WriteLineAsync(NotCatalogued(code)).ConfigureAwait(false);
            return NotFound;
        }

        await stdout.WriteLineAsync(Formatting.Explain(definition)).ConfigureAwait(false);
        return Ok;
    }

    internal static async Task<int> ClassifyAsync(int status, string? contentType, int? maxBytes, Stream stdin, TextWriter stdout)
    {
        var options = new PartnerCenterClassificationOptions();
        if (maxBytes is { } max)
        {
            options.MaxBodyBytes = max;
        }

        // Read at most one byte past the limit: enough to know the body was longer.
        var body = await ReadBoundedAsync(stdin, options.MaxBodyBytes + 1).ConfigureAwait(false);
        var result = new PartnerCenterErrorClassifier(options).Classify(status, body, contentType);
        await stdout.WriteLineAsync(Formatting.ClassificationJson(result)).ConfigureAwait(false);
        return Ok;
    }

    internal static async Task<int> CatalogAsync(string format, TextWriter stdout)
    {
        var text = format switch
        {
            "json" => Formatting.CatalogJson(),
            "markdown" or "md" => Formatting.CatalogMarkdown(),
            _ => null,
        };
        // The option's validator has refused every other format.
        await stdout.WriteAsync(text ?? string.Empty).ConfigureAwait(false);
        return Ok;
    }

    internal static async Task<int> CatalogDiffAsync(string path, string? baseline, string? sourceName, ParseResult parsed)
    {
        const long MaxFileBytes = 8 * 1024 * 1024;
        var stdout = parsed.InvocationConfiguration.Output;
        var stderr = parsed.InvocationConfiguration.Error;
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

        if (!DocsTableReader.TryRead(text, out var rows, out var error))
        {
            return BadInput(stderr, text.Contains(OwnCatalogueHeader, StringComparison.Ordinal)
                ? $"'{path}' is this tool's own list of the catalogue (docs/error-codes.md, `pc-errors catalog --format markdown`), not a copy of Microsoft's page. {WhereToGetThePage}"
                : $"'{path}': {error}. {WhereToGetThePage}");
        }

        Func<PartnerCenterErrorDefinition, bool> inBaseline = baseline is null
            ? d => d.Source.StartsWith(CatalogDiffer.ErrorCodePage, StringComparison.Ordinal)
            : d => string.Equals(d.Source, baseline, StringComparison.Ordinal);
        if (baseline is not null && !PartnerCenterErrorCatalog.Definitions.Any(inBaseline))
        {
            return Fail(parsed, $"no catalogue row has the source '{baseline}'");
        }

        var differences = CatalogDiffer.Diff(rows, inBaseline);
        await stdout.WriteAsync(DiffFormatting.Format(differences, sourceName ?? Path.GetFileNameWithoutExtension(path), rows.Count)).ConfigureAwait(false);
        return differences.Count == 0 ? Ok : Differences;
    }

    /// <summary>The header of <c>pc-errors catalog --format markdown</c> (docs/error-codes.md), which users pass to <c>catalog diff</c> by mistake.</summary>
    private const string OwnCatalogueHeader = "| Code | Status | Category | Retryable | Template | Source |";

    private const string WhereToGetThePage =
        "Save Microsoft's \"Partner Center REST error codes\" page (learn.microsoft.com/partner-center/developer/error-codes) to a file: its text (select all, copy, paste) or its markdown source, and pass that file.";

    /// <summary>What to do about a code the catalogue does not have: see what the classifier makes of the whole response, then keep it.</summary>
    internal static string NotCatalogued(string code) =>
        $"pc-errors: code '{code}' is not in the catalogue (the {PartnerCenterErrorCatalog.Definitions.Count} documented errors of Microsoft's error-code pages).\n" +
        $"Next: classify the whole response, whose description the fallback rules read: echo '<the response body>' | pc-errors classify --status <HTTP status>\n" +
        "To decide its category yourself: \"PartnerCenterTelemetry\": { \"Classification\": { \"CategoryOverrides\": { \"" + code + "\": \"Eligibility\" } } } in appsettings.json (any category; docs/options.md).\n" +
        "If Microsoft documents the code now, compare their page with the catalogue: pc-errors catalog diff <your saved copy of the page>.";

    private static int BadInput(TextWriter stderr, string message)
    {
        stderr.WriteLine($"pc-errors: {message}");
        return Usage;
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

    /// <summary>A usage error that only the action can see: the message, then the command's help, on stderr.</summary>
    private static int Fail(ParseResult parsed, string message)
    {
        var stderr = parsed.InvocationConfiguration.Error;
        stderr.WriteLine($"pc-errors: {message}");
        CommandLineRunner.WriteHelp(parsed, stderr);
        return Usage;
    }
}
