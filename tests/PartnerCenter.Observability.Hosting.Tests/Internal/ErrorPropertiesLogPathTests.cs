using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hosting.Tests.Internal;

/// <summary>
/// The app's own log line with a Partner Center exception, under plain Microsoft.Extensions.Logging providers:
/// <c>builder.Logging.AddPartnerCenterErrorProperties()</c> gives it the <c>partner_center.*</c> properties on the JSON
/// console (and any provider that reads a line's properties), with the one-liner's URL redaction intact. Run alone:
/// the console tests redirect the process's standard output.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class ErrorPropertiesLogPathTests
{
    private const string CustomerId = "3f9a2c1e-7b6d-4e5f-8a9b-0c1d2e3f4a5b";
    private const string UserCategory = "Orders";

    [Fact]
    public async Task The_apps_own_line_gets_the_partner_center_properties_on_the_json_console()
    {
        var line = await UserLineAsync(addErrorProperties: true);
        var state = line.GetProperty("State");

        Assert.Equal("Failed to create order for contoso", line.GetProperty("Message").GetString()); // the message is unchanged
        Assert.Equal("contoso", state.GetProperty("Customer").GetString()); // the line's own property stays
        Assert.Equal("800020", state.GetProperty("partner_center.error.code").GetString());
        Assert.Equal("eligibility", state.GetProperty("partner_center.error.category").GetString());
        Assert.Equal("/v1/customers/{customer_id}/orders", state.GetProperty("partner_center.operation").GetString());
        Assert.Equal("7", state.GetProperty("partner_center.retry_after").ToString());
        Assert.Equal("403", state.GetProperty("http.response.status_code").ToString());
        Assert.Equal("Failed to create order for {Customer}", state.GetProperty("{OriginalFormat}").GetString());
    }

    [Fact]
    public async Task Without_it_the_json_console_line_has_only_its_own_properties()
    {
        var state = (await UserLineAsync(addErrorProperties: false)).GetProperty("State");

        Assert.Equal("contoso", state.GetProperty("Customer").GetString());
        Assert.False(state.TryGetProperty("partner_center.error.code", out _));
    }

    [Fact]
    public async Task The_one_liners_redaction_and_the_apps_filters_still_apply_through_the_wrapped_factory()
    {
        var (text, _) = await RunAsync(addErrorProperties: true);

        Assert.Contains("/v1/customers/{customer_id}/orders", text, StringComparison.Ordinal);
        Assert.DoesNotContain(CustomerId, text, StringComparison.OrdinalIgnoreCase); // the factory's request scope too
        Assert.DoesNotContain("filtered-out", text, StringComparison.Ordinal); // the app's minimum level
    }

    [Fact]
    public void A_line_without_an_exception_reaches_the_provider_as_it_is_and_allocates_nothing()
    {
        var inner = new LastStateLogger();
        var logger = new PartnerCenterErrorLogger(inner, new AppClassifier(null));
        var state = new Dictionary<string, object?> { ["a"] = 1 };

        logger.Log(LogLevel.Information, default, state, null, static (_, _) => "text");
        Assert.Same(state, inner.LastState);

        var passThrough = new PartnerCenterErrorLogger(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, new AppClassifier(null));
        Func<int, Exception?, string> formatter = static (_, _) => "text";
        passThrough.Log(LogLevel.Information, default, 42, null, formatter); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        passThrough.Log(LogLevel.Information, default, 42, null, formatter);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void A_line_whose_exception_is_not_partner_centers_reaches_the_provider_as_it_is()
    {
        var inner = new LastStateLogger();
        var logger = new PartnerCenterErrorLogger(inner, new AppClassifier(null));
        var state = new Dictionary<string, object?> { ["a"] = 1 };

        logger.Log(LogLevel.Error, default, state, new InvalidOperationException("x"), static (_, _) => "text");

        Assert.Same(state, inner.LastState);
    }

    [Fact]
    public void Calling_it_twice_wraps_the_factory_once()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddPartnerCenterErrorProperties().AddPartnerCenterErrorProperties());
        using var provider = services.BuildServiceProvider();

        var factory = Assert.IsType<PartnerCenterErrorLoggerFactory>(provider.GetRequiredService<ILoggerFactory>());
        Assert.IsType<PartnerCenterErrorLogger>(factory.CreateLogger("x"));
        Assert.Single(services, d => d.ServiceType == typeof(ILoggerFactory));
    }

    private static async Task<JsonElement> UserLineAsync(bool addErrorProperties)
    {
        var (_, lines) = await RunAsync(addErrorProperties);
        return lines.Single(l => l.GetProperty("Category").GetString() == UserCategory && l.GetProperty("LogLevel").GetString() == "Error");
    }

    private static async Task<(string Text, List<JsonElement> Lines)> RunAsync(bool addErrorProperties)
    {
        await using var server = await LoopbackServer.StartErrorAsync(
            403,
            """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""",
            headers: r => r.Headers.RetryAfter = "7");
        using var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
            if (addErrorProperties)
            {
                builder.Logging.AddPartnerCenterErrorProperties();
            }

            builder.AddPartnerCenterTelemetry(o => o.Hosts.Add(server.BaseAddress.Authority));
            builder.Services.AddHttpClient("pc", c => c.BaseAddress = server.BaseAddress);
            using (var host = builder.Build())
            {
                await host.StartAsync();
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(UserCategory);
#pragma warning disable CA1848 // the app's own lines, written the way apps write them
                logger.LogDebug("filtered-out");
#pragma warning restore CA1848
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    using var response = await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("pc")
                        .PostAsync(new Uri($"v1/customers/{CustomerId}/orders", UriKind.Relative), null, timeout.Token);
                    await response.EnsurePartnerCenterSuccessAsync(timeout.Token);
                    Assert.Fail("The 403 did not throw.");
                }
                catch (PartnerCenterException ex)
                {
#pragma warning disable CA1848 // the app's own line, written the way apps write it
                    logger.LogError(ex, "Failed to create order for {Customer}", "contoso");
#pragma warning restore CA1848
                }

                await host.StopAsync();
            }

            // Disposing the host flushed the console logger's queue.
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = console.ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
        return (text, lines);
    }

    /// <summary>Keeps the last state it was handed.</summary>
    private sealed class LastStateLogger : ILogger
    {
        public object? LastState { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            LastState = state;
    }
}
