using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Tests.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace PartnerCenter.Observability.Hosting.Tests.Integration;

/// <summary>
/// The privacy promise on the logging paths apps really have: with the one-liner, a failed call to a URL with a
/// customer id and a secret in its query leaves neither in the console, JSON console or Serilog output, while
/// IHttpClientFactory's request line and the library's failure event are there. (The OTLP path is checked against the
/// Aspire dashboard in <see cref="OtlpExportToAspireDashboardTests"/>.) Run alone: the console tests redirect the
/// process's standard output.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class LogPathRedactionTests
{
    private const string CustomerId = "3f9a2c1e-7b6d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string Secret = "s3cr3tT0kenValue9f8e7d";

    public enum LogPath
    {
        Console,
        JsonConsole,
        Serilog,
    }

    [Theory]
    [InlineData(LogPath.Console)]
    [InlineData(LogPath.JsonConsole)]
    [InlineData(LogPath.Serilog)]
    public async Task A_failed_call_leaves_no_customer_id_and_no_query_secret_in_the_logs(LogPath path)
    {
        var text = await RunFailedCallAsync(path);

        Assert.Contains("/v1/customers/{customer_id}/orders", text, StringComparison.Ordinal); // the factory's line, redacted
        Assert.Contains("800020", text, StringComparison.Ordinal); // the library's failure event
        Assert.DoesNotContain(CustomerId, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_not_in_Hosts_is_not_measured_but_its_urls_are_redacted_all_the_same()
    {
        var text = await RunFailedCallAsync(LogPath.Console, instrumentHost: false);

        Assert.Contains("/v1/customers/{customer_id}/orders", text, StringComparison.Ordinal);
        Assert.Contains("are not measured", text, StringComparison.Ordinal); // the unlisted-host warning
        Assert.DoesNotContain("800020", text, StringComparison.Ordinal); // no failure event: not measured
        Assert.DoesNotContain(CustomerId, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    private static async Task<string> RunFailedCallAsync(LogPath path, bool instrumentHost = true)
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""");
        using var console = new StringWriter();
        using var serilog = new JsonCapture();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace);
            switch (path)
            {
                case LogPath.Console:
                    builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
                    break;
                case LogPath.JsonConsole:
                    builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
                    break;
                default:
                    builder.Logging.AddSerilog(new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(serilog).CreateLogger(), dispose: true);
                    break;
            }

            builder.AddPartnerCenterTelemetry(o =>
            {
                if (instrumentHost)
                {
                    o.Hosts.Add(server.BaseAddress.Authority);
                }
            });
            builder.Services.AddHttpClient("pc", c => c.BaseAddress = server.BaseAddress);
            using (var host = builder.Build())
            {
                await host.StartAsync();
                using var response = await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("pc")
                    .GetAsync(new Uri($"v1/customers/{CustomerId}/orders?token={Secret}", UriKind.Relative));
                Assert.Equal(403, (int)response.StatusCode);
                await host.StopAsync();
            }

            // Disposing the host flushed the console logger's queue.
        }
        finally
        {
            Console.SetOut(original);
        }

        return path == LogPath.Serilog ? serilog.ToString() : console.ToString();
    }

    /// <summary>Every Serilog event as JSON, properties (scopes included) and rendered message.</summary>
    private sealed class JsonCapture : ILogEventSink, IDisposable
    {
        private readonly JsonFormatter _formatter = new(renderMessage: true);
        private readonly StringWriter _text = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_text)
            {
                _formatter.Format(logEvent, _text);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }

        public void Dispose() => _text.Dispose();
    }
}
