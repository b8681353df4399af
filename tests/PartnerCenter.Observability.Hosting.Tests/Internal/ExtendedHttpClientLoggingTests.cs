using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hosting.Tests.Internal;

/// <summary>
/// The one-liner beside dotnet/extensions' <c>AddExtendedHttpClientLogging</c>, registered before or after it. Both
/// replace IHttpClientFactory's request loggers for every client (<c>RemoveAllLoggers()</c> in
/// <c>ConfigureHttpClientDefaults</c>), so the one registered last writes the request lines; the other's lines are
/// gone (documented in the Hosting README). Either way the call reaches the app (a 403 response, no exception), the
/// library's failure event is written, and no line carries the customer id or the query.
/// </summary>
public sealed class ExtendedHttpClientLoggingTests
{
    private const string CustomerId = "7d1e4b2a-9c3f-4a8e-b6d5-2f0e1a9c8b7d";
    private const string Secret = "qS3cretT0ken42";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_logger_registered_last_writes_the_request_lines_and_no_line_carries_the_url(bool oneLinerFirst)
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, """{"code": 800020, "description": "The catalog item isn't eligible for purchase."}""");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PartnerCenterTelemetry:Hosts:0"] = server.BaseAddress.Authority });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        if (oneLinerFirst)
        {
            builder.AddPartnerCenterTelemetry();
        }

        builder.Services.AddSingleton<IRedactorProvider, ErasingRedactorProvider>(); // what AddRedaction() registers by default
        builder.Services.AddExtendedHttpClientLogging(o => o.LogRequestStart = true);
        if (!oneLinerFirst)
        {
            builder.AddPartnerCenterTelemetry();
        }

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("billing");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await client.GetAsync(new Uri(server.BaseAddress, $"v1/customers/{CustomerId}/orders?access_token={Secret}"), timeout.Token);
            Assert.Equal(403, (int)response.StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }

        var records = host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var text = string.Join('\n', records.Select(Describe));

        var ours = records.Where(r => r.Category == RedactingHttpClientLogger.Category).Select(Describe).ToList();
        var extended = records.Where(r => r.Category == "Microsoft.Extensions.Http.Logging.HttpClientLogger").Select(Describe).ToList();
        if (oneLinerFirst)
        {
            // dotnet/extensions' line: the call's status, and its own path redaction.
            Assert.True(ours.Count == 0 && extended.Any(l => l.Contains("403", StringComparison.Ordinal)), text);
        }
        else
        {
            // The one-liner's request lines, the URL redacted to the route template.
            Assert.True(extended.Count == 0 && ours.Any(l => l.Contains("/v1/customers/{customer_id}/orders", StringComparison.Ordinal)), text);
        }

        // The library's failure event.
        Assert.Contains("800020", text, StringComparison.Ordinal);
        Assert.DoesNotContain(CustomerId, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    private static string Describe(FakeLogRecord record) =>
        record.Category + " " + record.Message + " " + string.Join(' ', record.StructuredState?.Select(p => p.Key + "=" + p.Value) ?? []) + " " +
        string.Join(' ', record.Scopes.Select(s => s?.ToString()));

    /// <summary>dotnet/extensions' default redactor (Microsoft.Extensions.Compliance.Redaction's ErasingRedactor): every classified value becomes empty.</summary>
    private sealed class ErasingRedactorProvider : IRedactorProvider
    {
        public Redactor GetRedactor(DataClassificationSet classifications) => Erasing.Instance;

        private sealed class Erasing : Redactor
        {
            public static readonly Erasing Instance = new();

            public override int GetRedactedLength(ReadOnlySpan<char> input) => 0;

            public override int Redact(ReadOnlySpan<char> source, Span<char> destination) => 0;
        }
    }
}
