using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace PartnerCenter.Observability.Demo;

/// <summary>--dashboard: starts the Aspire dashboard (restored from NuGet) on free loopback ports and points OTLP at it.</summary>
internal sealed class AspireDashboardLauncher : IAsyncDisposable
{
    private readonly Process _process;

    private AspireDashboardLauncher(Process process, Uri dashboardUrl, Uri otlpEndpoint)
    {
        _process = process;
        DashboardUrl = dashboardUrl;
        OtlpEndpoint = otlpEndpoint;
    }

    public Uri DashboardUrl { get; }

    public Uri OtlpEndpoint { get; }

    public static async Task<AspireDashboardLauncher?> StartAsync()
    {
        var root = typeof(AspireDashboardLauncher).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        var path = root is null ? null : Path.Combine(root, "aspire.dashboard.sdk.linux-x64", "13.6.5", "tools", "Aspire.Dashboard");
        if (path is null || !File.Exists(path))
        {
            await Console.Error.WriteLineAsync(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64
                ? "demo: the Aspire dashboard package is not restored (an opt-in 38 MB download): run the demo once with -p:WithAspireDashboard=true, as in dotnet run --project samples/PartnerCenter.Observability.Demo -p:WithAspireDashboard=true -- --dashboard; continuing without it."
                : "demo: the Aspire dashboard is not available on this machine (linux-x64 only); continuing without it.").ConfigureAwait(false);
            return null;
        }

        var (ui, grpc, http) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo(path) { WorkingDirectory = Path.GetDirectoryName(path)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ui}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{grpc}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{http}";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var launcher = new AspireDashboardLauncher(process, new Uri($"http://127.0.0.1:{ui}/"), new Uri($"http://127.0.0.1:{grpc}"));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 120 && !process.HasExited; i++)
        {
            try
            {
                using var response = await probe.GetAsync(launcher.DashboardUrl).ConfigureAwait(false);
                return launcher;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
            }
        }

        return launcher;
    }

    /// <summary>Points the app's OTLP export at the dashboard.</summary>
    public void ExportTo(IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint.ToString(),
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "5000",
        });

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // On a terminal the dashboard stays up after the summary, so that the run's traces can be browsed; with
            // standard input redirected (a script) nobody can press Enter, and it stops at once.
            if (!Console.IsInputRedirected)
            {
                Console.WriteLine($"Aspire dashboard still at {DashboardUrl}: press Enter to stop it.");
                await Task.Run(Console.ReadLine).ConfigureAwait(false);
            }
            else
            {
                Console.WriteLine($"Aspire dashboard at {DashboardUrl} stopped (standard input is not a terminal: nobody to press Enter).");
            }

            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
