using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Simulator;
using PartnerCenter.Observability.Tests.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace PartnerCenter.Observability.Hardening.Tests.Audit;

// The app's own log calls, written the way an app writes them.
#pragma warning disable CA1848, CA2254

/// <summary>
/// Every simulator scenario, and a server that answers uncataloged codes with descriptions full of secrets, called with
/// bearer tokens, cookies, emails, tenant and subscription GUIDs and query strings in paths, headers and descriptions,
/// through an app set up with the one-line <c>builder.AddPartnerCenterTelemetry()</c> (plus the runtime's HTTP span and
/// IHttpClientFactory's logs at Information). Everything it exports is scanned: the spans and logs the real Aspire
/// dashboard received over OTLP, a Prometheus scrape, and Serilog's JSON output with our enricher. No secret may appear;
/// MS-RequestId and MS-CorrelationId values may appear in spans and logs, never in metrics.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class SecretAuditTests
{
    private static readonly int RequestsPerScenario = RunMode.Pick(8, 40);
    private const string Canary = "canary-7f3e2d1c-not-a-secret";
    private readonly ITestOutputHelper _output;
    private readonly List<string> _secrets = [];
    private readonly List<string> _correlationIds = [];

    public SecretAuditTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Nothing_the_app_exports_carries_a_secret()
    {
        await using var dashboard = await AspireDashboard.StartAsync();
        await using var simulator = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions
        {
            Seed = 7,
            SlowBodyDelay = TimeSpan.FromMilliseconds(50),
            TimeoutDelay = TimeSpan.FromMilliseconds(100),
        });
        await using var leaky = await LoopbackServer.StartAsync(ServeSecretDescriptionsAsync);
        var serviceName = "pc-audit-" + Guid.NewGuid().ToString("N")[..8];
        var prometheusPort = FreePort();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpGrpcEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = serviceName,
            ["PartnerCenterTelemetry:Hosts:0"] = simulator.BaseAddress.Authority,
            ["PartnerCenterTelemetry:Hosts:1"] = leaky.BaseAddress.Authority,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.AddPartnerCenterTelemetry();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("System.Net.Http"));

        // The Prometheus endpoint is a meter provider of its own: registered in the host, the exporter would count as "the
        // app configured an exporter" and turn off the one-line setup's OTLP export of spans and logs (see the report).
        using var prometheusMetrics = OpenTelemetry.Sdk.CreateMeterProviderBuilder()
            .AddPartnerCenterInstrumentation()
            .AddMeter("System.Net.Http")
            .AddPrometheusHttpListener(listener =>
            {
                listener.Host = "127.0.0.1";
                listener.Port = prometheusPort;
            })
            .Build();
        builder.Services.AddHttpClient("simulator", c =>
        {
            c.BaseAddress = simulator.BaseAddress;
            c.Timeout = TimeSpan.FromSeconds(10);
        });
        builder.Services.AddHttpClient("leaky", c => c.BaseAddress = leaky.BaseAddress);

        var serilogOutput = new StringWriter(CultureInfo.InvariantCulture);
        using var serilog = new LoggerConfiguration()
            .Enrich.WithPartnerCenterErrors()
            .WriteTo.Sink(new JsonSink(serilogOutput))
            .CreateLogger();

        string scrape;
        var calls = 0;
        var failures = 0;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var factory = host.Services.GetRequiredService<IHttpClientFactory>();
            var appLog = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Contoso.Orders");
            var random = new Random(11);
            using var simulatorClient = factory.CreateClient("simulator");
            foreach (var scenario in Enum.GetValues<PartnerCenterScenario>())
            {
                simulator.Scenario = scenario;
                for (var i = 0; i < RequestsPerScenario; i++)
                {
                    failures += await CallAsync(simulatorClient, CreateRequest(random, forced: null), appLog, serilog) ? 0 : 1;
                    calls++;
                }
            }

            // Every failure kind once more, forced, so that each scenario's rare outcomes are certainly in the audit.
            foreach (var forced in (string[])["kind=slow", "kind=timeout", "kind=drop", "kind=empty;status=503", "kind=html;status=502", "status=401", "status=429;retry-after=3;retry-after-form=date", "status=403;code=800020"])
            {
                failures += await CallAsync(simulatorClient, CreateRequest(random, forced), appLog, serilog) ? 0 : 1;
                calls++;
            }

            using var leakyClient = factory.CreateClient("leaky");
            for (var i = 0; i < RunMode.Pick(12, 60); i++)
            {
                failures += await CallAsync(leakyClient, CreateRequest(random, forced: null), appLog, serilog) ? 0 : 1;
                calls++;
            }

            // A positive control: a value the app logs on purpose must be found by the same scan.
            appLog.LogWarning("Audit canary {Canary}", Canary);
            serilog.Warning("Audit canary {Canary}", Canary);

            using var prometheus = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            scrape = await prometheus.GetStringAsync(new Uri($"http://127.0.0.1:{prometheusPort}/metrics"));
            await host.StopAsync();
        }

        // What the dashboard received: every span of the app's calls (ours and the runtime's), every log record.
        // (The API returns 200 records unless given a limit.)
        await dashboard.WaitForAsync("api/telemetry/spans?limit=100000", d => Count(d.RootElement, "spans") >= (calls * 2) - 2, TimeSpan.FromSeconds(30));
        await dashboard.WaitForAsync("api/telemetry/logs?limit=100000", d => Count(d.RootElement, "logRecords") >= failures * 2, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var spans = await dashboard.WaitForAsync("api/telemetry/spans?limit=100000", _ => true);
        using var logs = await dashboard.WaitForAsync("api/telemetry/logs?limit=100000", _ => true);
        Assert.Equal(spans.RootElement.GetProperty("totalCount").GetInt32(), spans.RootElement.GetProperty("returnedCount").GetInt32());
        Assert.Equal(logs.RootElement.GetProperty("totalCount").GetInt32(), logs.RootElement.GetProperty("returnedCount").GetInt32());
        var spanCount = Count(spans.RootElement, "spans");
        var logCount = Count(logs.RootElement, "logRecords");
        Assert.True(spanCount >= (calls * 2) - 2, $"the dashboard has {spanCount} spans for {calls} calls");
        Assert.True(logCount >= failures * 2, $"the dashboard has {logCount} log records for {failures} failed calls");
        Assert.Contains(PartnerCenterTelemetryNames.Tags.ErrorCategory, spans.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("partner_center_client_request_duration_seconds", scrape, StringComparison.Ordinal);
        var serilogEvents = serilogOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(failures + 1, serilogEvents.Length);

        var exported = new Dictionary<string, string>
        {
            ["OTLP spans (Aspire dashboard)"] = Strings(spans.RootElement),
            ["OTLP logs (Aspire dashboard)"] = Strings(logs.RootElement),
            ["Prometheus scrape"] = scrape,
            ["Serilog JSON"] = string.Join("\n", serilogEvents.Select(line => Strings(JsonDocument.Parse(line).RootElement))),
        };

        // The scan sees what it should: the canary in both log outputs, the allowed correlation ids in spans and logs, the
        // runtime span's URL and IHttpClientFactory's request logs (redacted), the operation label in the scrape.
        Assert.Contains(Canary, exported["OTLP logs (Aspire dashboard)"], StringComparison.Ordinal);
        Assert.Contains(Canary, exported["Serilog JSON"], StringComparison.Ordinal);
        Assert.Contains(_correlationIds, id => exported["OTLP spans (Aspire dashboard)"].Contains(id, StringComparison.Ordinal));
        Assert.Contains(_correlationIds, id => exported["OTLP logs (Aspire dashboard)"].Contains(id, StringComparison.Ordinal));
        Assert.Contains("url.full", exported["OTLP spans (Aspire dashboard)"], StringComparison.Ordinal);
        Assert.Contains("Start processing HTTP request", exported["OTLP logs (Aspire dashboard)"], StringComparison.Ordinal);
        Assert.Contains("partner_center_operation=", scrape, StringComparison.Ordinal);

        var leaks = new List<string>();
        foreach (var (where, text) in exported)
        {
            foreach (var secret in _secrets.Distinct())
            {
                if (Contains(text, secret))
                {
                    leaks.Add($"{where}: '{secret}' at ...{Around(text, secret)}...");
                }
            }
        }

        // The correlation ids are allowed in spans and logs (that is their purpose), never in metrics.
        foreach (var id in _correlationIds.Distinct())
        {
            if (Contains(scrape, id))
            {
                leaks.Add($"Prometheus scrape: correlation id '{id}'");
            }
        }

        Assert.True(leaks.Count == 0, "secrets exported:\n" + string.Join("\n", leaks.Take(40)));
        var records = spanCount + logCount + scrape.Split('\n').Count(l => l.Length > 0 && l[0] != '#') + serilogEvents.Length;
        Figures.Report(_output, "values audited", $"{_secrets.Distinct().Count()} distinct secret values (bearer tokens, cookies, emails, tenant and subscription GUIDs, query values, header values; plus {_correlationIds.Distinct().Count()} correlation ids kept out of metrics) over {calls} calls in all {Enum.GetValues<PartnerCenterScenario>().Length} scenarios + forced outcomes + secret-laden descriptions; {records} exported records scanned ({spanCount} OTLP spans, {logCount} OTLP log records, {records - spanCount - logCount - serilogEvents.Length} Prometheus samples, {serilogEvents.Length} Serilog events): 0 leaks");
    }

    /// <summary>Sends one call as an app would, then logs a failure the way apps do: the exception, through ILogger and Serilog.</summary>
    private static async Task<bool> CallAsync(HttpClient client, HttpRequestMessage request, ILogger appLog, global::Serilog.ILogger serilog)
    {
        using (request)
        {
            try
            {
                using var response = await client.SendAsync(request);
                await response.EnsurePartnerCenterSuccessAsync();
                await response.Content.ReadAsByteArrayAsync();
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                appLog.LogError(ex, "Partner Center call failed");
                serilog.Error(ex, "Partner Center call failed");
                return false;
            }
        }
    }

    private HttpRequestMessage CreateRequest(Random random, string? forced)
    {
        var tenant = Secret(NewGuid(random));
        var subscription = Secret(NewGuid(random));
        var email = Secret($"user{random.Next(1_000_000)}.{Word(random)}@{Word(random)}-corp.com");
        var queryToken = Secret("q" + Word(random) + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture));
        var bearer = Secret("eyJ" + Word(random) + Word(random) + Word(random) + "." + Word(random) + Word(random) + random.Next().ToString(CultureInfo.InvariantCulture) + "." + Word(random) + Word(random));
        var cookie = Secret("sess-" + Word(random) + random.Next().ToString(CultureInfo.InvariantCulture));
        var requestId = NewGuid(random);
        var correlationId = NewGuid(random);
        _correlationIds.Add(requestId);
        _correlationIds.Add(correlationId);

        var query = $"?email={Uri.EscapeDataString(email)}&token={queryToken}";
        HttpRequestMessage request = random.Next(4) switch
        {
            0 => new(HttpMethod.Get, $"v1/customers/{tenant}/subscriptions/{subscription}{query}"),
            1 => new(HttpMethod.Patch, $"v1/customers/{tenant}/subscriptions/{subscription}{query}") { Content = new StringContent($"{{\"quantity\": 3, \"friendlyName\": \"{email}\"}}", Encoding.UTF8, "application/json") },
            2 => new(HttpMethod.Post, $"v1/customers/{email}/orders{query}") { Content = new StringContent($"{{\"lineItems\": [{{\"offerId\": \"{subscription}\", \"quantity\": 1}}]}}", Encoding.UTF8, "application/json") },
            _ => new(HttpMethod.Get, $"v1/customers/{tenant}/carts/{subscription}{query}"),
        };
        request.Headers.Authorization = new("Bearer", bearer);
        request.Headers.Add("Cookie", "session=" + cookie);
        request.Headers.Add("X-Contoso-User", email);
        request.Headers.Add("MS-RequestId", requestId);
        request.Headers.Add("MS-CorrelationId", correlationId);
        request.Headers.Add("X-Description-Secrets", $"{email}|{tenant}|{bearer}|{queryToken}");
        if (forced is not null)
        {
            request.Headers.Add(PartnerCenterSimulator.OutcomeHeader, forced);
        }

        return request;
    }

    /// <summary>Answers uncataloged (and some catalogued) codes whose descriptions carry the request's secrets.</summary>
    private static async Task ServeSecretDescriptionsAsync(HttpContext context)
    {
        var parts = context.Request.Headers["X-Description-Secrets"].ToString().Split('|');
        var (email, tenant, bearer, query) = (parts[0], parts[1], parts[2], parts[3]);
        var turn = Math.Abs(tenant.GetHashCode(StringComparison.Ordinal)) % 6;
        var (status, body) = turn switch
        {
            0 => (400, $$"""{"code": 712345, "description": "User {{email}} in tenant {{tenant}} sent Bearer {{bearer}} which is invalid"}"""),
            1 => (403, $$"""{"code": "CustomerNotEligible", "description": "Tenant {{tenant}} ({{email}}) is not eligible; see https://portal.contoso.com/tenants/{{tenant}}?token={{query}}"}"""),
            2 => (500, $$$"""{"error": {"code": "InternalFault", "message": "Lookup of {{{email}}} failed for token {{{bearer}}} and id {{{tenant}}}"}}"""),
            3 => (403, $$"""{"code": 800020, "description": "The catalog item {{tenant}} for {{email}} isn't eligible for purchase."}"""),
            4 => (404, $$"""{"code": 654321, "description": "Subscription x{{tenant}} of {{email}}?filter={{query}} was not found"}"""),
            _ => (429, $$"""{"code": 429, "description": "Too many requests from {{email}} with authorization Bearer {{bearer}}"}"""),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body);
    }

    private string Secret(string value)
    {
        _secrets.Add(value);
        return value;
    }

    private static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string Word(Random random)
    {
        Span<char> word = stackalloc char[6 + random.Next(6)];
        for (var i = 0; i < word.Length; i++)
        {
            word[i] = (char)('a' + random.Next(26));
        }

        return new string(word);
    }

    private static bool Contains(string text, string secret) =>
        text.Contains(secret, StringComparison.OrdinalIgnoreCase)
        || text.Contains(Uri.EscapeDataString(secret), StringComparison.OrdinalIgnoreCase)
        || text.Contains(WebUtility.UrlEncode(secret), StringComparison.OrdinalIgnoreCase);

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            at = Math.Max(0, text.IndexOf(Uri.EscapeDataString(secret), StringComparison.OrdinalIgnoreCase));
        }

        var start = Math.Max(0, at - 120);
        return text.Substring(start, Math.Min(text.Length - start, secret.Length + 200)).Replace('\n', ' ');
    }

    /// <summary>Every string in a JSON document, unescaped, one per line (so that JSON escaping cannot hide a value).</summary>
    private static string Strings(JsonElement element)
    {
        var text = new StringBuilder();
        Walk(element);
        return text.ToString();

        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in e.EnumerateObject())
                    {
                        text.Append(property.Name).Append('\n');
                        Walk(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                case JsonValueKind.String:
                    text.Append(e.GetString()).Append('\n');
                    break;
                default:
                    text.Append(e.GetRawText()).Append('\n');
                    break;
            }
        }
    }

    /// <summary>How many items the arrays named <paramref name="name"/> hold, anywhere in the document.</summary>
    private static int Count(JsonElement element, string name)
    {
        var count = 0;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                count += property.Name == name && property.Value.ValueKind == JsonValueKind.Array ? property.Value.GetArrayLength() : Count(property.Value, name);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                count += Count(item, name);
            }
        }

        return count;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Serilog's JSON formatter (the exception rendered with ToString, the message rendered), one event a line.</summary>
    private sealed class JsonSink(TextWriter output) : ILogEventSink
    {
        private readonly JsonFormatter _formatter = new(renderMessage: true);

        public void Emit(LogEvent logEvent)
        {
            lock (output)
            {
                _formatter.Format(logEvent, output);
            }
        }
    }
}
