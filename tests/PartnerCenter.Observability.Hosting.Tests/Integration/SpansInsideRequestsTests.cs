using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hosting.Tests.Integration;

/// <summary>
/// The README's Program.cs as a real web app on Kestrel (127.0.0.1, a port the OS picks): an inbound request whose
/// handler calls Partner Center (a loopback stub answering 429) through the typed client, and the spans the app exports.
/// Without the one-liner listening to ASP.NET Core's request source, the request's Activity is one no sampler saw, never
/// recorded, and the default parent-based sampler dropped every span started in it (ours included).
/// Alone: the in-memory exporter sees every span of the process's Partner Center source, so each test looks only at
/// the trace its own request ran in.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class SpansInsideRequestsTests
{
    private const string ThrottledBody = """{"code": 429, "description": "Rate limit is exceeded. Try again in 7 seconds.", "data": [], "source": "PartnerFD"}""";

    [Fact]
    public async Task A_call_made_inside_a_request_is_exported_without_aspnetcore_instrumentation()
    {
        var (trace, exported) = await RunWebAppAsync(aspNetCoreInstrumentation: false);

        var ours = Assert.Single(exported, a => a.Source.Name == PartnerCenterTelemetryNames.SourceName && a.TraceId == trace);
        Assert.Equal("quota", ours.GetTagItem(PartnerCenterTelemetryNames.Tags.ErrorCategory));
        Assert.Equal("429", ours.GetTagItem(PartnerCenterTelemetryNames.Tags.ErrorCode));

        // The one-liner listens to ASP.NET Core's request source, so the app's sampler decided for the request: the
        // request is a bare server span (ASP.NET Core's name, no tag: not the app's URL) and ours is its child.
        var server = Assert.Single(exported, a => a.TraceId == trace && a.Kind == ActivityKind.Server && a.ParentSpanId == default);
        Assert.Equal("Microsoft.AspNetCore", server.Source.Name);
        Assert.Equal(server.SpanId, ours.ParentSpanId);
        Assert.DoesNotContain(server.TagObjects, t => t.Value?.ToString()?.Contains("customers", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_readme_console_exporter_line_prints_the_span_of_a_call_made_in_a_request()
    {
        using var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        ActivityTraceId trace;
        try
        {
            // The README's line, as written there.
            (trace, _) = await RunWebAppAsync(aspNetCoreInstrumentation: false, more: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddConsoleExporter()));
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = console.ToString();
        Assert.Contains($"Activity.TraceId:            {trace.ToHexString()}", text, StringComparison.Ordinal);
        Assert.Contains("Activity.DisplayName:        GET /v1/customers", text, StringComparison.Ordinal);
        Assert.Contains("partner_center.error.category: quota", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01", true)]
    [InlineData("00", false)]
    public async Task An_incoming_sampling_decision_is_honored(string flags, bool sampled)
    {
        var incoming = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        var (trace, exported) = await RunWebAppAsync(aspNetCoreInstrumentation: false, traceparent: $"00-{incoming.ToHexString()}-{caller.ToHexString()}-{flags}");

        // The request joins the caller's trace, and the app's sampler follows the caller's decision for it. (Whether our
        // own span is then recorded is the same parent-based decision, but this process also holds a test listener that
        // records every span of our source, so the request's server span is what shows the decision here.)
        Assert.Equal(incoming, trace);
        // The app's request span is the caller's child (the stub's own server span, in the same process, is not).
        var server = exported.Where(a => a.TraceId == trace && a.Kind == ActivityKind.Server && a.ParentSpanId == caller).ToList();
        if (sampled)
        {
            var ours = Assert.Single(exported, a => a.Source.Name == PartnerCenterTelemetryNames.SourceName && a.TraceId == trace);
            Assert.Contains(server, s => s.SpanId == ours.ParentSpanId);
        }
        else
        {
            Assert.Empty(server);
        }
    }

    private static async Task<(ActivityTraceId Trace, IReadOnlyList<Activity> Exported)> RunWebAppAsync(bool aspNetCoreInstrumentation, string? traceparent = null, Action<WebApplicationBuilder>? more = null)
    {
        await using var partnerCenter = await LoopbackServer.StartErrorAsync(429, ThrottledBody, headers: r => r.Headers.RetryAfter = "7");
        var exported = new List<Activity>();

        // The README's Program.cs, with the stub's host listed and an exporter the test can read.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders().AddProvider(NullLoggerProviderWithScopes.Instance);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.AddPartnerCenterTelemetry(o => o.Hosts.Add(partnerCenter.BaseAddress.Authority));
        builder.Services.ConfigureOpenTelemetryTracerProvider(t =>
        {
            t.AddInMemoryExporter(exported);
            if (aspNetCoreInstrumentation)
            {
                t.AddAspNetCoreInstrumentation();
            }
        });
        builder.Services.AddHttpClient<PartnerCenterClient>(c => c.BaseAddress = partnerCenter.BaseAddress);
        more?.Invoke(builder);
        await using var app = builder.Build();
        app.MapGet("/customers", async (PartnerCenterClient client, CancellationToken cancellationToken) =>
        {
            var trace = Activity.Current?.TraceId.ToHexString() ?? string.Empty;
            try
            {
                await client.GetCustomersAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
                // The stub throttles: the classified failure is what the test looks at.
            }

            return Results.Json(new { trace });
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "customers");
            if (traceparent is not null)
            {
                request.Headers.Add("traceparent", traceparent);
            }

            using var response = await http.SendAsync(request);
            var answer = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TraceAnswer>();
            Assert.False(string.IsNullOrEmpty(answer?.Trace), "the request ran without an Activity, so there is no trace to look for");
            await app.StopAsync();
            app.Services.GetRequiredService<TracerProvider>().ForceFlush(60_000);
            lock (exported)
            {
                return (ActivityTraceId.CreateFromString(answer!.Trace), [.. exported]);
            }
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private sealed record TraceAnswer(string Trace);

    /// <summary>The README's typed client.</summary>
    private sealed class PartnerCenterClient(HttpClient http)
    {
        public Task<string> GetCustomersAsync(CancellationToken cancellationToken) => http.GetStringAsync("v1/customers", cancellationToken);
    }

    /// <summary>A logger that is enabled (as a web app's console logger is) and writes nothing, to keep the test's output quiet.</summary>
    private sealed class NullLoggerProviderWithScopes : ILoggerProvider
    {
        public static readonly NullLoggerProviderWithScopes Instance = new();

        public ILogger CreateLogger(string categoryName) => new Logger();

        public void Dispose()
        {
        }

        private sealed class Logger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
