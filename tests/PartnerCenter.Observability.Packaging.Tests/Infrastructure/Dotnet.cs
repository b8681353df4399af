using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Packaging.Tests.Infrastructure;

/// <summary>The result of one command: its exit code, its interleaved stdout and stderr, and how long it took.</summary>
internal sealed record CommandResult(string Step, string Command, int ExitCode, string Output, TimeSpan Duration)
{
    /// <summary>The last lines of the output, for a failure message.</summary>
    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}

/// <summary>
/// Runs <c>dotnet</c> (and <c>git</c>, and installed tools) as a user would, in a clean environment: none of the
/// MSBuild variables of the <c>dotnet test</c> that runs these tests, no build servers left behind, and a time limit
/// after which the whole process tree is killed. A failure names its step (pack, new, restore, build, run, ...).
/// </summary>
internal static class Dotnet
{
    public static string Executable { get; } = FindDotnet();

    public static Task<CommandResult> RunAsync(string step, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string?>? environment = null)
        => RunProcessAsync(step, Executable, workingDirectory, arguments, timeout, environment);

    /// <summary>Runs the command and throws, naming the step, unless it exits with 0.</summary>
    public static async Task<CommandResult> RunCheckedAsync(string step, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string?>? environment = null, string? fileName = null)
    {
        var result = await RunProcessAsync(step, fileName ?? Executable, workingDirectory, arguments, timeout, environment);
        if (result.ExitCode != 0)
        {
            throw StepFailed(result, $"exited with {result.ExitCode.ToString(CultureInfo.InvariantCulture)}");
        }

        return result;
    }

    public static Xunit.Sdk.XunitException StepFailed(CommandResult result, string why) => new(
        $"Packaging step '{result.Step}' failed: {why} after {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.\n" +
        $"Command: {result.Command}\n--- last lines of its output ---\n{result.Tail()}");

    public static async Task<CommandResult> RunProcessAsync(string step, string fileName, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The `dotnet test` that runs this sets MSBuild variables (SDK paths, node settings) that must not leak into
        // a separate build.
        foreach (var name in start.Environment.Keys.Where(IsInheritedBuildVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var command = fileName + " " + string.Join(' ', start.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            var timedOut = new CommandResult(step, command, -1, Text(output), stopwatch.Elapsed);
            throw StepFailed(timedOut, $"did not finish within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (killed)");
        }

        process.WaitForExit();   // drains the asynchronous output readers
        return new CommandResult(step, command, process.ExitCode, Text(output), stopwatch.Elapsed);
    }

    private static bool IsInheritedBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("_MSBuild", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindDotnet()
    {
        // The dotnet that runs these tests, so that the same SDK installation packs and builds.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var candidate = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return candidate is not null && File.Exists(candidate) ? candidate : "dotnet";
    }
}
