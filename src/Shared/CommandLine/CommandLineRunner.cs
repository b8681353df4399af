using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace PartnerCenter.Observability.CommandLine;

/// <summary>
/// How the repository's tools (pc-errors, the simulator, the demo) run a System.CommandLine command: help on stdout and
/// exit 0; a bad argument prints one line (prefix and the parser's message), then the help of the command it was given to,
/// on stderr, and exits <see cref="BadArguments"/>; the actions' own exceptions are not caught. Compiled into each tool.
/// </summary>
internal static class CommandLineRunner
{
    /// <summary>The exit code of a bad argument, in every tool.</summary>
    public const int BadArguments = 2;

    /// <summary>The width the help is laid out to, whatever the terminal: the same text everywhere.</summary>
    private const int HelpWidth = 120;

    /// <summary>Adds <c>-h</c>/<c>--help</c> (for every subcommand too), followed by <paramref name="epilog"/>.</summary>
    public static TCommand WithHelp<TCommand>(this TCommand command, string epilog)
        where TCommand : Command
    {
        var help = new HelpOption();
        help.Action = new HelpWithEpilog((HelpAction)help.Action!, epilog);
        command.Add(help);
        return command;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen action, or reports the first parse error.</summary>
    public static async Task<int> RunAsync(Command root, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, string errorPrefix, CancellationToken cancellationToken)
    {
        var result = root.Parse(args);
        if (result.Action is not HelpWithEpilog && result.Errors.Count > 0)
        {
            await stderr.WriteLineAsync(errorPrefix + result.Errors[0].Message).ConfigureAwait(false);
            WriteHelp(result, stderr);
            return BadArguments;
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // the tools handle Ctrl+C and SIGTERM themselves
        };
        return await result.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the help of the command that <paramref name="result"/> reached (for a usage error found by an action).</summary>
    public static void WriteHelp(ParseResult result, TextWriter writer)
    {
        var path = new List<string> { "--help" };
        for (SymbolResult? symbol = result.CommandResult; symbol is CommandResult { Parent: not null } command; symbol = command.Parent)
        {
            path.Insert(0, command.Command.Name);
        }

        result.RootCommandResult.Command.Parse(path).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
    }

    /// <summary>The built-in help, a fixed width, then a few lines of its own (exit codes, environment).</summary>
    private sealed class HelpWithEpilog(HelpAction help, string epilog) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            help.MaxWidth = HelpWidth;
            help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(epilog);
            return 0;
        }
    }
}
