using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PartnerCenter.Observability.CommandLine;

namespace PartnerCenter.Observability.Cli;

/// <summary>The pc-errors command tree (System.CommandLine): its commands, options, arguments, help and value checks.</summary>
internal static class CliCommandLine
{
    public const string ExitCodes = """
        Exit codes: 0 success (diff: no differences), 1 code not catalogued (explain) or differences (diff),
        2 bad arguments or bad input.
        """;

    public static Command Create(Stream stdin)
    {
        var root = new Command("pc-errors", "Explain and classify Microsoft Partner Center REST API error codes.");
        root.Add(Explain());
        root.Add(Classify(stdin));
        root.Add(Catalog());

        // `pc-errors help`, as before System.CommandLine: the same text as --help.
        var help = new Command("help", "Show help and usage information.") { Hidden = true };
        help.SetAction(result => CommandLineRunner.WriteHelp(result.RootCommandResult.Command.Parse(["--help"]), result.InvocationConfiguration.Output));
        root.Add(help);
        return root.WithHelp(ExitCodes);
    }

    private static Command Explain()
    {
        var code = new Argument<string>("code") { Description = "The Partner Center error code (800020), or an HTTP status used as a code (429)." };
        var status = Status("The HTTP status the code came with, when a code means different things under different statuses.");
        var command = new Command("explain", "Print the status, category, retryable flag, template and what to do for a Partner Center error code.")
        {
            code,
            status,
        };
        command.SetAction((result, _) => CliApp.ExplainAsync(result.GetRequiredValue(code), result.GetValue(status), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static Command Classify(Stream stdin)
    {
        var status = Status("The HTTP status of the response.");
        status.Required = true;
        var contentType = new Option<string>("--content-type") { Description = "The response's Content-Type.", HelpName = "type" };
        var maxBytes = new Option<int?>("--max-bytes")
        {
            Description = "How many bytes of the body to read (at least 256; default: the library's default).",
            HelpName = "n",
            CustomParser = result => ParseWholeNumber(result, min: 256, max: int.MaxValue - 1, "--max-bytes must be a whole number of at least 256"),
        };
        var command = new Command(
            "classify",
            "Read a response body from stdin and print one JSON object: status, code, category, retryable, template and reason.")
        {
            status,
            contentType,
            maxBytes,
        };
        command.SetAction((result, _) => CliApp.ClassifyAsync(result.GetRequiredValue(status)!.Value, result.GetValue(contentType), result.GetValue(maxBytes), stdin, result.InvocationConfiguration.Output));
        return command;
    }

    private static Command Catalog()
    {
        var format = new Option<string>("--format") { Description = "json (default) or markdown.", HelpName = "json|markdown", DefaultValueFactory = _ => "json" };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not ("json" or "markdown" or "md"))
            {
                result.AddError($"unknown format '{value}' (json or markdown)");
            }
        });
        var command = new Command("catalog", "Print the whole catalogue.") { format, CatalogDiff() };
        command.SetAction((result, _) => CliApp.CatalogAsync(result.GetRequiredValue(format), result.InvocationConfiguration.Output));
        return command;
    }

    private static Command CatalogDiff()
    {
        var file = new Argument<string>("file") { Description = "The newer copy of the page: its markdown source or a text copy." };
        var baseline = new Option<string>("--baseline")
        {
            Description = "The catalogue source whose rows the page should list (default: every edition of the error-code page).",
            HelpName = "source",
        };
        var sourceName = new Option<string>("--source-name") { Description = "The source written on the lines (default: the file's name).", HelpName = "name" };
        var command = new Command(
            "diff",
            """
            Compare a newer copy of the "Partner Center REST error codes" page (its markdown source, with the table
            | HTTP Status | HTTP Error Code | Error code | Description |, or a text copy) with the catalogue. Prints every added,
            changed or missing row with a proposed category and reason, as lines that paste into PartnerCenterErrorCatalog.OtherSources.Data.cs.
            """)
        {
            file,
            baseline,
            sourceName,
        };
        command.SetAction((result, _) => CliApp.CatalogDiffAsync(result.GetRequiredValue(file), result.GetValue(baseline), result.GetValue(sourceName), result));
        return command;
    }

    private static Option<int?> Status(string description) => new("--status")
    {
        Description = description,
        HelpName = "n",
        CustomParser = result => ParseWholeNumber(result, min: 100, max: 599, $"--status must be an HTTP status between 100 and 599, not '{Token(result)}'"),
    };

    private static int? ParseWholeNumber(ArgumentResult result, int min, int max, string error)
    {
        if (int.TryParse(Token(result), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(error);
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
}
