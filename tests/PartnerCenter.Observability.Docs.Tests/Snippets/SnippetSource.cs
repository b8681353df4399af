using System.Text;
using System.Text.RegularExpressions;

namespace PartnerCenter.Observability.Docs.Tests.Snippets;

/// <summary>Turns a snippet and its context into one C# file, with <c>#line</c> directives pointing back to the markdown.</summary>
internal static partial class SnippetSource
{
    /// <summary>The implicit usings of a <c>dotnet new web</c> app (Microsoft.NET.Sdk.Web): what a reader's Program.cs already has.</summary>
    public static IReadOnlyList<string> ImplicitUsings { get; } =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    public static string Build(MarkdownSnippet snippet)
    {
        var source = new StringBuilder();
        foreach (var ns in ImplicitUsings)
        {
            source.Append("global using global::").Append(ns).AppendLine(";");
        }

        foreach (var ns in snippet.Context.Usings)
        {
            source.Append("using ").Append(ns).AppendLine(";");
        }

        var lines = snippet.Code.Split('\n');
        if (snippet.Context.Kind == SnippetKind.Program)
        {
            AppendMapped(source, snippet, lines);
        }
        else
        {
            // Using directives of the snippet go to the top of the file; blank lines keep the line numbers.
            for (var i = 0; i < lines.Length; i++)
            {
                if (UsingDirective().IsMatch(lines[i]))
                {
                    source.AppendLine(lines[i]);
                    lines[i] = string.Empty;
                }
            }

            source.AppendLine("internal static class Snippet")
                .AppendLine("{")
                .Append("    internal static async System.Threading.Tasks.Task RunAsync(")
                .AppendJoin(", ", snippet.Context.Given)
                .AppendLine(")")
                .AppendLine("    {")
                .AppendLine("        await System.Threading.Tasks.Task.CompletedTask;");
            AppendMapped(source, snippet, lines);
            source.AppendLine("    }").AppendLine("}");
        }

        foreach (var declaration in snippet.Context.Declarations)
        {
            source.AppendLine(declaration);
        }

        return source.ToString();
    }

    private static void AppendMapped(StringBuilder source, MarkdownSnippet snippet, string[] lines)
    {
        source.Append("#line ").Append(snippet.Line).Append(" \"").Append(snippet.File).AppendLine("\"");
        foreach (var line in lines)
        {
            source.AppendLine(line);
        }

        source.AppendLine("#line default");
    }

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[\w.]+(\s*=\s*[\w.<>]+)?\s*;\s*(//.*)?$")]
    private static partial Regex UsingDirective();
}
