using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

/// <summary>The demo app, run as its own process (`dotnet PartnerCenter.Observability.Demo.dll ...`), stopped by its PID.</summary>
internal sealed class DemoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoProcess(Process process, int metricsPort)
    {
        _process = process;
        MetricsUrl = new Uri($"http://127.0.0.1:{metricsPort}/metrics");
    }

    public Uri MetricsUrl { get; }

    public string Output => $"stdout:\n{_stdout}\nstderr:\n{_stderr}";

    public static string DemoAssembly
    {
        get
        {
            var configuration = typeof(DemoProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Configuration").Value;
            return Path.Combine(Repo.Root, "samples", "PartnerCenter.Observability.Demo", "bin", configuration!, "net10.0", "PartnerCenter.Observability.Demo.dll");
        }
    }

    /// <summary>Starts the demo with --json, a free --prometheus-port and the given arguments.</summary>
    public static DemoProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <summary>Starts the demo with extra environment variables (OTLP export, for one).</summary>
    public static DemoProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(environment, json: true, arguments);

    /// <summary>Starts the demo as a user does off a terminal: its plain output, no --json.</summary>
    public static DemoProcess StartPlain(params string[] arguments) => Start(new Dictionary<string, string>(), json: false, arguments);

    /// <summary>The lines the demo wrote on its standard output so far.</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
            }
        }
    }

    private static DemoProcess Start(IReadOnlyDictionary<string, string> environment, bool json, string[] arguments)
    {
        Assert.True(File.Exists(DemoAssembly), $"The demo is not built: {DemoAssembly}");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DemoAssembly);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments.Concat(json ? ["--json"] : []).Concat(["--prometheus-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = ChildProcessGuard.Start(start);
        var demo = new DemoProcess(process, port);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (demo._stdout)
            {
                demo._stdout.AppendLine(e.Data);
            }

            if (e.Data.StartsWith('{'))
            {
                demo._summary.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (demo._stderr)
            {
                demo._stderr.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) =>
        {
            // Exited can come before the last output lines are read: WaitForExit() waits for the end of both streams.
            process.WaitForExit();
            demo._summary.TrySetException(new InvalidOperationException("The demo exited without a summary.\n" + demo.Output));
        };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return demo;
    }

    /// <summary>Waits for the JSON summary the demo prints at the end of its run.</summary>
    public async Task<JsonElement> SummaryAsync(TimeSpan timeout)
    {
        var line = await _summary.Task.WaitAsync(timeout);
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(MetricsUrl);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync() => new(ChildProcesses.StopAsync(_process));

    public static int FreePort() => ChildProcesses.FreePort();
}
