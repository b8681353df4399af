using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using PartnerCenter.Observability.Dashboards.Tests.Infrastructure;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real OTLP receiver: the Aspire dashboard (from the NuGet package this project downloads) on free loopback ports.
/// Its JSON API (<c>/api/telemetry/spans</c>) shows the spans that arrived. Stopped by its PID.
/// </summary>
internal sealed class AspireDashboardServer : IAsyncDisposable
{
    private const string PackageVersion = "13.6.5";
    private readonly Process _process;
    private readonly HttpClient _api;

    private AspireDashboardServer(Process process, Uri apiBase, Uri otlpGrpc)
    {
        _process = process;
        _api = new HttpClient { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(10) };
        OtlpGrpcEndpoint = otlpGrpc;
    }

    public Uri OtlpGrpcEndpoint { get; }

    public static string ExecutablePath
    {
        get
        {
            var root = typeof(AspireDashboardServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(root, "aspire.dashboard.sdk.linux-x64", PackageVersion, "tools", "Aspire.Dashboard");
        }
    }

    public static async Task<AspireDashboardServer> StartAsync()
    {
        Prerequisite.Require(!OperatingSystem.IsLinux() || !File.Exists(ExecutablePath), $"the Aspire dashboard ({ExecutablePath}) is not available: restore this test project on linux-x64.");
        var (ui, grpc, http) = (ChildProcesses.FreePort(), ChildProcesses.FreePort(), ChildProcesses.FreePort());
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = Path.GetDirectoryName(ExecutablePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ui}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{grpc}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{http}";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = ChildProcessGuard.Start(start);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var dashboard = new AspireDashboardServer(process, new Uri($"http://127.0.0.1:{ui}/"), new Uri($"http://127.0.0.1:{grpc}"));
        // Bounded: 240 tries of 250 ms (a minute) for a process that is ready in a few seconds when idle.
        for (var i = 0; i < 240 && !process.HasExited; i++)
        {
            try
            {
                using var response = await dashboard._api.GetAsync("api/telemetry/resources");
                if (response.IsSuccessStatusCode)
                {
                    return dashboard;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        await dashboard.DisposeAsync();
        throw new InvalidOperationException("The Aspire dashboard did not become ready.");
    }

    /// <summary>Every span the dashboard holds, by trace id: the span's attributes as key → string value.</summary>
    public async Task<ILookup<string, Dictionary<string, string?>>> SpansByTraceAsync()
    {
        using var document = JsonDocument.Parse(await _api.GetStringAsync("api/telemetry/spans"));
        var spans = new List<(string TraceId, Dictionary<string, string?> Attributes)>();
        foreach (var resource in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    var attributes = span.TryGetProperty("attributes", out var list)
                        ? list.EnumerateArray().GroupBy(a => a.GetProperty("key").GetString()!).ToDictionary(g => g.Key, g => Scalar(g.First().GetProperty("value")))
                        : [];
                    spans.Add((span.GetProperty("traceId").GetString()!, attributes));
                }
            }
        }

        return spans.ToLookup(s => s.TraceId, s => s.Attributes, StringComparer.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await ChildProcesses.StopAsync(_process);
    }

    private static string? Scalar(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
        }

        return null;
    }
}
