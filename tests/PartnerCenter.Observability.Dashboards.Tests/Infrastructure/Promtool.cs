using System.Diagnostics;
using System.Text;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>Runs promtool (Debian's prometheus package), or skips the calling test when it is not installed.</summary>
internal static class Promtool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string? Executable { get; } = FindOnPath("promtool");

    /// <summary>Skips the test, with the reason, when promtool is not on the PATH (fails it under CI=true).</summary>
    public static string Require()
    {
        Prerequisite.Require(Executable is null, "promtool is not on the PATH: install Debian's 'prometheus' package (./eng/test.sh installs it).");
        return Executable!;
    }

    /// <summary>Runs promtool with the arguments; returns the exit code and stdout and stderr together.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments) =>
        RunProcess(Require(), workingDirectory, arguments);

    /// <summary>Asserts exit code 0 and shows the whole output otherwise.</summary>
    public static string AssertSucceeds(string workingDirectory, params string[] arguments)
    {
        var (exit, output) = Run(workingDirectory, arguments);
        Assert.True(exit == 0, $"promtool {string.Join(' ', arguments)} exited {exit}:\n{output}");
        return output;
    }

    public static (int ExitCode, string Output) RunProcess(string fileName, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        output.Append(stdout.GetAwaiter().GetResult()).Append(stderr.GetAwaiter().GetResult());
        return (process.ExitCode, output.ToString());
    }

    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
