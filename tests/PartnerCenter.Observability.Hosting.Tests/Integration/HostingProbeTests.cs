using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hosting.Tests.Integration;

/// <summary>
/// Classes 4 and 5: with the hosting one-liner, neither log scopes (<c>IncludeScopes = true</c>, the Aspire service
/// defaults) nor an exporter the app registered before the one-liner see the customer id in the URL.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class HostingProbeTests
{
    private const string CustomerId = "5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11";

    // A bound for a loopback call, not a timing assertion: wide enough for a loaded 2-core machine.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Log_records_and_scopes_carry_the_route_template_not_the_url()
    {
        var (scopes, _) = await RunAsync();

        // The one-liner replaces IHttpClientFactory's loggers (and their URL scope) with redacted request lines: the
        // template is there, as an attribute of those lines; the customer id and the query are nowhere.
        Assert.Contains(scopes, s => s.Contains("/v1/customers/{customer_id}/orders", StringComparison.Ordinal));
        Assert.DoesNotContain(scopes, s => s.Contains(CustomerId, StringComparison.OrdinalIgnoreCase) || s.Contains("access_token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exporter_registered_before_the_one_liner_sees_the_route_template_not_the_url()
    {
        var (_, urls) = await RunAsync();

        var url = Assert.Single(urls);
        Assert.DoesNotContain(CustomerId, url, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/v1/customers/{customer_id}/orders", url, StringComparison.Ordinal);
    }

    private static async Task<(IReadOnlyCollection<string> Scopes, IReadOnlyCollection<string> Urls)> RunAsync()
    {
        await using var server = await LoopbackServer.StartErrorAsync(404, """{"code":20003,"description":"Subscription with ID 1 not found."}""");
        var scopes = new ConcurrentQueue<string>();
        var urls = new ConcurrentQueue<string>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerCenterTelemetry:Hosts:0"] = server.BaseAddress.Authority,
        });

        // The app's own setup first: an exporter of spans, and OpenTelemetry logging with scopes, both before the one-liner.
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("System.Net.Http").AddProcessor(new UrlCapture(urls)));
        builder.Logging.AddOpenTelemetry(options =>
        {
            options.IncludeScopes = true;
            options.AddProcessor(new ScopeCapture(scopes));
        });
        builder.AddPartnerCenterTelemetry();

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("probe");
            using var timeout = new CancellationTokenSource(SendTimeout);
            using var response = await client.GetAsync(new Uri(server.BaseAddress, $"v1/customers/{CustomerId}/orders?access_token=abc"), timeout.Token);
            Assert.Equal(404, (int)response.StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.NotEmpty(scopes);
        return (scopes, urls);
    }

    /// <summary>An exporter as the app would add it: it reads <c>url.full</c> of every runtime HTTP span at its end.</summary>
    private sealed class UrlCapture(ConcurrentQueue<string> urls) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.Source.Name == "System.Net.Http" && data.GetTagItem("url.full") is { } url)
            {
                urls.Enqueue(url.ToString()!);
            }
        }
    }

    /// <summary>An exporter of log records with their attributes and scopes, as OTLP with <c>IncludeScopes = true</c> writes them.</summary>
    private sealed class ScopeCapture(ConcurrentQueue<string> scopes) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            foreach (var (key, value) in data.Attributes ?? [])
            {
                scopes.Enqueue(key + "=" + value);
            }

            data.ForEachScope(
                static (scope, queue) =>
                {
                    foreach (var (key, value) in scope)
                    {
                        queue.Enqueue(key + "=" + value);
                    }

                    queue.Enqueue(scope.Scope?.ToString() ?? string.Empty);
                },
                scopes);
        }
    }
}
