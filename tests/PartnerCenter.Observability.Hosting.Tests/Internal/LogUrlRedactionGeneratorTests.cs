using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using PartnerCenter.Observability.Hosting.Tests.Infrastructure;
using PartnerCenter.Observability.Hosting.Tests.Integration;
using PartnerCenter.Observability.Operations;
using PartnerCenter.Observability.Tests.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace PartnerCenter.Observability.Hosting.Tests.Internal;

/// <summary>
/// The rule behind "no id, user info or query in any log the one-liner owns", measured beyond hand-picked examples:
/// seeded generators put thousands of GUIDs, emails, tokens, long numbers, names and mixed ids into path segments, user
/// info, the query and the fragment of URLs to Partner Center and to other hosts (listed in <c>Hosts</c> or not), sent
/// through an IHttpClientFactory client, with the one-liner registered before and after the loggers and the client.
/// Every line of the console (plain or JSON, scopes on), Serilog and OpenTelemetry logging output is searched for every
/// secret, and every request line's URL must be made only of the allowlist: a scheme, a host, route-table words, API
/// versions and placeholders. The primary handler answers in memory (hosts that do not resolve are part of the
/// point); the Kestrel path is <see cref="LogPathRedactionTests"/>. Alone: the console is redirected.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed partial class LogUrlRedactionGeneratorTests
{
    /// <summary>Requests per run; four runs make 2,400 URLs with about 7,000 secrets.</summary>
    private const int Requests = 600;

    private const string FailureBody = """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""";

    [Theory]
    [InlineData(2601, true, false)]
    [InlineData(2602, false, false)]
    [InlineData(2603, true, true)]
    [InlineData(2604, false, true)]
    public async Task No_generated_secret_reaches_any_log(int seed, bool oneLinerFirst, bool jsonConsole)
    {
        var urls = new UrlGenerator(seed);
        var cases = Enumerable.Range(0, Requests).Select(_ => urls.Next()).ToList();

        var output = await RunAsync(cases.Select(c => c.Url).ToList(), oneLinerFirst, jsonConsole);

        // The output is there: a request line per call on each path (more than once where the template is a property
        // too), so a test that logged nothing cannot pass.
        Assert.Equal(Requests, RequestLine().Count(output.Serilog));
        Assert.InRange(CountOf(output.Console, "Start processing HTTP request"), Requests, 3 * Requests);
        Assert.InRange(CountOf(output.OpenTelemetry, "Start processing HTTP request"), Requests, 3 * Requests);
        Assert.Contains("/v1/customers/{customer_id}", output.Console, StringComparison.Ordinal);
        Assert.Contains("PartnerCenterCallFailed", output.OpenTelemetry, StringComparison.Ordinal);

        var all = string.Concat(output.Console, "\n", output.Serilog, "\n", output.OpenTelemetry).ToLowerInvariant();
        var leaks = cases.SelectMany(c => c.Secrets).Where(s => all.Contains(s.ToLowerInvariant(), StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} generated secrets leaked (seed {seed}), for example: {string.Join(", ", leaks.Take(5))}");

        // Every request line's URL is made of the allowlist only.
        var words = AllowedWords();
        foreach (Match line in RequestLine().Matches(output.Serilog))
        {
            var uri = new Uri(line.Groups["uri"].Value);
            Assert.True(uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0, line.Value);
            foreach (var segment in uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var text = Uri.UnescapeDataString(segment);
                Assert.True(words.Contains(text) || VersionOrPlaceholder().IsMatch(text), $"'{text}' in {line.Value}");
            }
        }
    }

    private static async Task<(string Console, string Serilog, string OpenTelemetry)> RunAsync(IReadOnlyList<Uri> urls, bool oneLinerFirst, bool jsonConsole)
    {
        using var console = new StringWriter();
        var serilog = new TextSink();
        var otel = new TextProcessor();
        var original = System.Console.Out;
        System.Console.SetOut(console);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            if (oneLinerFirst)
            {
                builder.AddPartnerCenterTelemetry(o => o.Hosts.Add("127.0.0.1:5005"));
            }

            builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace);
            if (jsonConsole)
            {
                builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
            }
            else
            {
                builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
            }

            builder.Logging.AddSerilog(new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(serilog).CreateLogger(), dispose: true);
            builder.Logging.AddOpenTelemetry(o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
                o.AddProcessor(otel);
            });
            builder.Services.AddHttpClient("generated").ConfigurePrimaryHttpMessageHandler(() => new InMemoryHandler());
            if (!oneLinerFirst)
            {
                builder.AddPartnerCenterTelemetry(o => o.Hosts.Add("127.0.0.1:5005"));
            }

            using (var host = builder.Build())
            {
                await host.StartAsync();
                var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("generated");
                foreach (var url in urls)
                {
                    using var response = await client.GetAsync(url);
                }

                await host.StopAsync();
            }

            // Disposing the host flushed the console logger's queue.
        }
        finally
        {
            System.Console.SetOut(original);
        }

        return (console.ToString(), serilog.ToString(), otel.ToString());
    }

    private static HashSet<string> AllowedWords() =>
        new(PartnerCenterRoutes.Templates.SelectMany(t => new RouteTemplate(t, isUser: false).Segments).Where(s => !RouteTemplate.IsPlaceholder(s)), StringComparer.OrdinalIgnoreCase);

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex("""Start processing HTTP request "?GET"? "?(?<uri>[^\s"]+)""")]
    private static partial Regex RequestLine();

    [GeneratedRegex("""^(v\d{1,2}|\{[a-z_]+\})$""")]
    private static partial Regex VersionOrPlaceholder();

    /// <summary>Answers 403 with a Partner Center error for a third of the calls, 200 otherwise, without a network.</summary>
    private sealed class InMemoryHandler : HttpMessageHandler
    {
        private int _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Interlocked.Increment(ref _calls) % 3 == 0
                ? new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(FailureBody, Encoding.UTF8, "application/json"), RequestMessage = request }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}"), RequestMessage = request });
    }

    /// <summary>Each Serilog event as its rendered message and its properties.</summary>
    private sealed class TextSink : ILogEventSink
    {
        private readonly StringBuilder _text = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_text)
            {
                _text.Append(logEvent.RenderMessage(CultureInfo.InvariantCulture)).Append(" |");
                foreach (var (key, value) in logEvent.Properties)
                {
                    _text.Append(' ').Append(key).Append('=').Append(value);
                }

                _text.AppendLine();
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Each OpenTelemetry log record as the exporter would see it: message, attributes and scopes.</summary>
    private sealed class TextProcessor : BaseProcessor<LogRecord>
    {
        private readonly StringBuilder _text = new();

        public override void OnEnd(LogRecord data)
        {
            lock (_text)
            {
                _text.Append(data.EventId.Name).Append(' ').Append(data.FormattedMessage).Append(" |");
                foreach (var (key, value) in data.Attributes ?? [])
                {
                    _text.Append(' ').Append(key).Append('=').Append(value);
                }

                data.ForEachScope(
                    static (scope, text) =>
                    {
                        text.Append(" scope: ").Append(scope.Scope);
                        foreach (var (key, value) in scope)
                        {
                            text.Append(' ').Append(key).Append('=').Append(value);
                        }
                    },
                    _text);
                _text.AppendLine();
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }
}
