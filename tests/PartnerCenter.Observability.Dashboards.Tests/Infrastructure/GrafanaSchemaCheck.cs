using System.Diagnostics;
using System.Text;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>
/// Grafana's published dashboard types (npm <c>@grafana/schema</c>) applied with <c>tsc</c>: GrafanaSchema/generate.mjs
/// writes each dashboard as a TypeScript literal that must satisfy <c>Dashboard</c>, and each panel's options and
/// custom field config as literals that must satisfy the panel plugin's <c>Options</c> and <c>FieldConfig</c>.
/// The packages are installed by eng/test.sh (npm install in GrafanaSchema, versions pinned in its package.json).
/// </summary>
internal static class GrafanaSchemaCheck
{
    public static string Folder => Path.Combine(Repo.Root, "tests", "PartnerCenter.Observability.Dashboards.Tests", "GrafanaSchema");

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>node, or a skip (a failure under CI=true) when node or the installed packages are missing.</summary>
    public static string RequireNode()
    {
        var node = Prerequisite.Executable("node", "node is not on PATH: the schema check compiles the dashboards with tsc.");
        Prerequisite.Require(!File.Exists(Path.Combine(Folder, "node_modules", "typescript", "bin", "tsc"))
            || !File.Exists(Path.Combine(Folder, "node_modules", "@grafana", "schema", "package.json")),
            $"the schema check's npm packages are not installed: run `npm install --no-package-lock` in {Repo.Relative(Folder)} (eng/test.sh does).");
        return node;
    }

    /// <summary>Generates the TypeScript for <paramref name="dashboards"/> into <paramref name="output"/> (under the folder) and compiles it.</summary>
    public static (int ExitCode, string Output) Compile(string node, string output, IEnumerable<string> dashboards)
    {
        var generated = Run(node, ["generate.mjs", output, .. dashboards]);
        Assert.True(generated.ExitCode == 0, "generate.mjs failed:\n" + generated.Output);
        var files = Directory.GetFiles(Path.Combine(Folder, output), "*.ts").Order(StringComparer.Ordinal);
        return Run(node, [Path.Combine("node_modules", "typescript", "bin", "tsc"), "--strict", "--noEmit", "--target", "ES2022", "--module", "ESNext",
            "--moduleResolution", "bundler", "--skipLibCheck", "--pretty", "false", .. files]);
    }

    private static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = ChildProcessGuard.Start(info);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return (process.ExitCode, new StringBuilder().Append(stdout.GetAwaiter().GetResult()).Append(stderr.GetAwaiter().GetResult()).ToString());
    }
}
