using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using PartnerCenter.Observability.Testing;

namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>
/// A real OTLP receiver: the Aspire dashboard, started on free loopback ports from the NuGet package the test project
/// downloads. Its JSON API (<c>/api/telemetry/spans</c>, <c>/api/telemetry/logs</c>) shows what arrived.
/// </summary>
internal sealed class AspireDashboard : IAsyncDisposable
{
    private const string PackageVersion = "13.6.5";
    private readonly Process _process;
    private readonly HttpClient _api;

    private AspireDashboard(Process process, Uri apiBase, Uri otlpGrpc, Uri otlpHttp)
    {
        _process = process;
        _api = new HttpClient { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(10) };
        OtlpGrpcEndpoint = otlpGrpc;
        OtlpHttpEndpoint = otlpHttp;
    }

    public Uri OtlpGrpcEndpoint { get; }

    public Uri OtlpHttpEndpoint { get; }

    public static string ExecutablePath
    {
        get
        {
            var root = typeof(AspireDashboard).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(root, "aspire.dashboard.sdk.linux-x64", PackageVersion, "tools", "Aspire.Dashboard");
        }
    }

    public static async Task<AspireDashboard> StartAsync()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists(ExecutablePath), $"The Aspire dashboard ({ExecutablePath}) is not available: restore the test project on linux-x64.");
        var (ui, grpc, http) = (FreePort(), FreePort(), FreePort());
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

        var dashboard = new AspireDashboard(process, new Uri($"http://127.0.0.1:{ui}/"), new Uri($"http://127.0.0.1:{grpc}"), new Uri($"http://127.0.0.1:{http}"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await dashboard._api.GetAsync("api/telemetry/resources");
                if (response.IsSuccessStatusCode)
                {
                    return dashboard;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                await dashboard.DisposeAsync();
                throw new InvalidOperationException("The Aspire dashboard did not become ready.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Polls the dashboard until <paramref name="found"/> holds for the JSON of <paramref name="path"/>.</summary>
    public async Task<JsonDocument> WaitForAsync(string path, Func<JsonDocument, bool> found, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var document = JsonDocument.Parse(await _api.GetStringAsync(path));
            if (found(document) || DateTime.UtcNow >= deadline)
            {
                return document;
            }

            document.Dispose();
            await Task.Delay(250);
        }
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

    /// <summary>Every OTLP-JSON attribute list in the document, as dictionaries of key → string value.</summary>
    public static IEnumerable<Dictionary<string, string?>> AttributeSets(JsonDocument document) => AttributeSets(document.RootElement);

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private static IEnumerable<Dictionary<string, string?>> AttributeSets(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "attributes" && property.Value.ValueKind == JsonValueKind.Array)
                {
                    yield return property.Value.EnumerateArray().Where(a => a.TryGetProperty("key", out _)).GroupBy(a => a.GetProperty("key").GetString()!).ToDictionary(g => g.Key, g => Scalar(g.First().GetProperty("value")));
                }

                foreach (var nested in AttributeSets(property.Value))
                {
                    yield return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var nested in AttributeSets(item))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string? Scalar(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
