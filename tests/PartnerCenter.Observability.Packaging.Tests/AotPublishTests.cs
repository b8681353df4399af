using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PartnerCenter.Observability.Packaging.Tests.Infrastructure;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.Packaging.Tests;

/// <summary>
/// Every shipped library is AOT-compatible in fact, not only in its project file: a web app with the one-liner, the
/// Resilience handler and the Serilog enricher publishes as native AOT (linux-x64) with no trim or AOT warning, and the
/// binary serves a request that makes a classified Partner Center call to its own loopback stub. The app references the
/// projects (not the packed packages): the same code, without paying for a pack and a restore of every package, and
/// with its own build output so that the repository's bin and obj folders are not touched. Needs clang (eng/test.sh
/// installs Debian's).
/// </summary>
public sealed partial class AotPublishTests(ITestOutputHelper output)
{
    // Generous: an AOT publish takes about a minute alone and several on a loaded two-core machine.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task The_one_liner_resilience_and_serilog_app_publishes_as_native_aot_without_warnings_and_serves_a_classified_call()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && RuntimeInformationIsX64(), "native AOT is published for linux-x64 only");
        Assert.SkipWhen(FindOnPath("clang") is null, "clang is not installed (eng/test.sh installs Debian's clang): native AOT cannot link");

        var root = PackedSolution.FindRepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), "pco-aot-" + Guid.NewGuid().ToString("N")[..8]);
        var app = Path.Combine(work, "app");
        Directory.CreateDirectory(app);
        try
        {
            var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "AotApp", "AotApp.csproj.template"));
            await File.WriteAllTextAsync(Path.Combine(app, "AotApp.csproj"), template.Replace("{Src}", Path.Combine(root, "src"), StringComparison.Ordinal));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "AotApp", "Program.cs"), Path.Combine(app, "Program.cs"));

            var publish = await Dotnet.RunCheckedAsync(
                "publish (native AOT)",
                app,
                ["publish", "-c", "Release", "-o", Path.Combine(work, "out"), "--artifacts-path", Path.Combine(work, "artifacts"), "--disable-build-servers", "-nologo"],
                PublishTimeout);
            output.WriteLine($"publish: {publish.Duration.TotalSeconds:0} s");

            var warnings = TrimOrAotWarning().Matches(publish.Output).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
            Assert.True(warnings.Count == 0, "trim or AOT warnings:\n" + string.Join('\n', warnings));
            var binary = Path.Combine(work, "out", "AotApp");
            Assert.True(File.Exists(binary), $"no native binary at {binary}");
            Assert.False(File.Exists(Path.Combine(work, "out", "AotApp.dll")), "the publish output holds a managed AotApp.dll: not a native AOT publish");

            var body = await RunOnceAsync(binary);
            Assert.Equal("STATUS 403 EXCEPTION code=800020 category=eligibility retryable=False", body);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task<string> RunOnceAsync(string binary)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--port={port}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = ChildProcessGuard.Start(start);
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var waited = Stopwatch.StartNew();
            while (true)
            {
                Assert.False(process.HasExited, $"the AOT app exited with {(process.HasExited ? process.ExitCode : 0)}:\n{log}");
                try
                {
                    return await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));
                }
                catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
                {
                    // Not listening yet: a bounded wait for the start (60 s, on a loaded machine).
                    await Task.Delay(250);
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            output.WriteLine(log.ToString());
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool RuntimeInformationIsX64() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    // ILLink and ILC warnings: IL2xxx (trimming) and IL3xxx (AOT, single-file).
    [GeneratedRegex(@"warning IL[23]\d{3}[^\r\n]*")]
    private static partial Regex TrimOrAotWarning();
}
