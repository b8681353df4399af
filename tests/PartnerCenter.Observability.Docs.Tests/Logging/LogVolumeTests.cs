using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PartnerCenter.Observability.Simulator;

namespace PartnerCenter.Observability.Docs.Tests.Logging;

/// <summary>
/// One 429 call retried to exhaustion, in an app set up as the README shows (hosting one-liner, typed client, the
/// Partner Center resilience handler) with a plain <c>dotnet new web</c> logging level (Information): what each log
/// category writes, and what is left with the README's recommended filters.
/// </summary>
public sealed class LogVolumeTests(ITestOutputHelper output)
{
    private const int Attempts = 5; // PartnerCenterResilienceOptions.MaxRetryAttempts (4) + 1

    [Fact]
    public async Task Without_filters_HttpClient_and_Polly_outnumber_the_library()
    {
        var records = await RunThrottledCallAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" });

        var byCategory = Counts(records);
        Assert.Equal(Attempts, byCategory.GetValueOrDefault("PartnerCenter.Observability"));
        // The one-liner replaces IHttpClientFactory's per-attempt loggers with one redacted pair per logical call.
        Assert.Equal(2, byCategory.Where(c => c.Key.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal)).Sum(c => c.Value));
        Assert.True(byCategory.GetValueOrDefault("Polly") > 0);
    }

    [Fact]
    public async Task With_the_readme_filters_the_library_events_remain_one_per_attempt_and_one_polly_error()
    {
        var settings = RecommendedLogFilters.Read().ToDictionary(p => "Logging:LogLevel:" + p.Key, p => (string?)p.Value);

        var records = await RunThrottledCallAsync(settings);

        Assert.DoesNotContain(records, r => r.Category!.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        var polly = Assert.Single(records, r => r.Category == "Polly"); // the last attempt, when the retries ran out
        Assert.Equal(LogLevel.Error, polly.Level);
        var library = records.Where(r => r.Category == "PartnerCenter.Observability").ToList();
        Assert.Equal(Attempts, library.Count);
        Assert.All(library, r => Assert.Equal(LogLevel.Warning, r.Level));
    }

    private async Task<IReadOnlyList<FakeLogRecord>> RunThrottledCallAsync(Dictionary<string, string?> logging)
    {
        await using var simulator = await PartnerCenterSimulator.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(logging);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddFakeLogging(o => o.OutputSink = null);
        builder.AddPartnerCenterTelemetry(o => o.Hosts.Add(simulator.BaseAddress.Authority));
        builder.Services.AddHttpClient<ThrottledClient>(c => c.BaseAddress = simulator.BaseAddress)
            .AddPartnerCenterResilienceHandler()
            .Configure(o => o.Retry.Delay = TimeSpan.Zero); // Retry-After 0 and no backoff: the test does not wait
        using var host = builder.Build();
        await host.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers");
        request.Headers.Add(PartnerCenterSimulator.OutcomeHeader, "status=429;retry-after=0");
        using var response = await host.Services.GetRequiredService<ThrottledClient>().Http.SendAsync(request);
        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(Attempts, simulator.RequestCount);

        await host.StopAsync();
        var records = host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        foreach (var (category, count) in Counts(records))
        {
            output.WriteLine($"{count,3} {category}");
        }

        return records;
    }

    private static Dictionary<string, int> Counts(IEnumerable<FakeLogRecord> records) =>
        records.GroupBy(r => r.Category ?? string.Empty).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private sealed class ThrottledClient(HttpClient http)
    {
        public HttpClient Http => http;
    }
}
