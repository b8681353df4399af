using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hardening.Tests.Fuzzing;

// The app's own log call, written the way an app writes it.
#pragma warning disable CA1848

/// <summary>
/// Issue 27's generative fuzz: seeded secrets, ids and personal data of every shape (<see cref="SecretGenerator"/>)
/// embedded at random places in generated descriptions, as error codes and as header values, sent through the handler
/// (a stub primary handler: no socket, so thousands of cases fit the CI budget), the app's exception logged through
/// the Serilog enricher and the OpenTelemetry log enricher. Every string of every signal is scanned: zero leaks.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class SecretFuzzTests
{
    private static readonly string[] TemplateWords =
        ["The", "request", "for", "customer", "failed", "because", "the", "value", "is", "not", "valid", "please", "contact", "support", "with", "at", "tenant", "and", "retry", "later", "order", "of", "was", "rejected", "given"];

    private static readonly int[] Statuses = [400, 401, 403, 404, 409, 412, 429, 500, 502, 503, 600, 999];

    private readonly ITestOutputHelper _output;

    public SecretFuzzTests(ITestOutputHelper output) => _output = output;

    /// <summary>The issue's classes of description leaks, each with the generator shapes that belong to it.</summary>
    public static TheoryData<string, int[]> DescriptionClasses => new()
    {
        { "GUIDs in descriptions (any dash variant, N and B forms)", [0, 1, 2] },
        { "secret key names and forms (spaces, XML, JSON, auth schemes)", [3, 4, 5, 6, 7] },
        { "people and places (domains with punctuation, emails, IPv4, IPv6, phones in any script, names, card numbers)", [8, 9, 10, 11, 12, 15, 16, 21, 22] },
        { "the input cap (zero-width, space, NBSP and entity padding before a secret)", [18, 19, 20] },
        { "tokens and keys (AWS keys, long tokens, JWTs, base64)", [13, 14, 17, 23] },
    };

    [Theory]
    [MemberData(nameof(DescriptionClasses))]
    public void No_generated_secret_survives_the_redactor(string secretClass, int[] shapes)
    {
        var generator = new SecretGenerator(2701 + shapes[0]);
        var leaks = new List<string>();
        var cases = 600 * shapes.Length;
        for (var n = 0; n < cases; n++)
        {
            var secret = generator.Next(shapes[n % shapes.Length]);
            var description = Description(generator, [secret.Text]);
            var redacted = Redacted(description);
            if (Leak(redacted, secret) is { } leak)
            {
                leaks.Add($"{leak} <- {description} => {redacted}");
            }
        }

        Figures.Report(_output, "secret fuzz (redactor)", $"{secretClass}: {cases} generated secrets in generated descriptions, {leaks.Count} leaks");
        Assert.True(leaks.Count == 0, string.Join('\n', leaks.Take(20)));
    }

    [Theory]
    [InlineData(Channel.Description)]
    [InlineData(Channel.Code)]
    [InlineData(Channel.Header)]
    public async Task No_generated_secret_reaches_any_signal_through_the_handler_and_both_enrichers(Channel channel)
    {
        var generator = new SecretGenerator(2702 + (int)channel);
        var current = new Case([], "{}", 400, []);
        using var harness = new TelemetryHarness(services => services.AddHttpClient(TelemetryHarness.ClientName).ConfigurePrimaryHttpMessageHandler(() => new StubHandler(() => current)));
        using var client = harness.CreateClient();
        var serilogEvents = new List<LogEvent>();
        using var serilog = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.WithPartnerCenterErrors().WriteTo.Sink(new ListSink(serilogEvents)).CreateLogger();
        var otelRecords = new List<LogRecord>();
        using var otel = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.AddPartnerCenterLogEnrichment();
            options.AddInMemoryExporter(otelRecords);
        }));
        var appLogger = otel.CreateLogger("App");
        using var spans = new SpanCollector();

        var cases = RunMode.Pick(1_000, 5_000);
        var secretsSent = 0;
        var leaks = new List<string>();
        var badTags = new List<string>();
        for (var n = 0; n < cases; n++)
        {
            var secrets = new List<Secret>();
            string[] embedded = channel == Channel.Description ? [Add(secrets, generator.Next()).Text, Add(secrets, generator.Next()).Text] : [];
            var code = channel == Channel.Code ? CodeSecret(generator, secrets) : generator.Pick(["800020", "accessDenied", "765432"]);
            (string Name, string Value)[] headers = [];
            if (channel == Channel.Header)
            {
                var (header, value, fragments) = generator.Header();
                secrets.Add(new Secret(value, fragments));
                headers = [(header, value)];
            }

            var body = JsonSerializer.Serialize(new { code, description = Description(generator, embedded) });
            current = new Case(headers, body, Statuses[generator.Below(Statuses.Length)], secrets);
            secretsSent += secrets.Count;

            harness.Logs.Clear();
            harness.Errors.Clear();
            harness.Duration.Clear();
            serilogEvents.Clear();
            otelRecords.Clear();
            var spansBefore = spans.Ours.Count;

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://partner.example/v1/customers/1/orders"));
            using var response = await client.SendAsync(request);
            try
            {
                await response.EnsurePartnerCenterSuccessAsync();
            }
            catch (Exception ex)
            {
                serilog.Error(ex, "Call failed");
                appLogger.LogError(ex, "Call failed");
            }

            var signals = new StringBuilder();
            foreach (var span in spans.Ours.Skip(spansBefore))
            {
                signals.Append(span.DisplayName).Append(' ').Append(span.StatusDescription).Append(' ');
                foreach (var tag in span.TagObjects)
                {
                    signals.Append(tag.Value as string).Append(' ');
                }

                foreach (var activityEvent in span.Events)
                {
                    foreach (var tag in activityEvent.Tags)
                    {
                        signals.Append(tag.Value as string).Append(' ');
                    }
                }
            }

            foreach (var measurement in harness.Errors.GetMeasurementSnapshot().Select(m => m.Tags).Concat(harness.Duration.GetMeasurementSnapshot().Select(m => m.Tags)))
            {
                foreach (var tag in measurement)
                {
                    signals.Append(tag.Value as string).Append(' ');
                    CheckMetricTag(tag.Key, tag.Value, badTags);
                }
            }

            foreach (var log in harness.Logs.GetSnapshot())
            {
                signals.Append(log.Message).Append(' ').Append(log.Exception?.Message).Append(' ');
                foreach (var pair in log.StructuredState ?? [])
                {
                    signals.Append(pair.Value).Append(' ');
                }
            }

            foreach (var logEvent in serilogEvents)
            {
                signals.Append(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(logEvent.Exception?.Message).Append(' ');
                foreach (var property in logEvent.Properties)
                {
                    signals.Append(property.Value.ToString()).Append(' ');
                }
            }

            foreach (var record in otelRecords)
            {
                signals.Append(record.FormattedMessage).Append(' ').Append(record.Exception?.Message).Append(' ');
                foreach (var attribute in record.Attributes ?? [])
                {
                    signals.Append(attribute.Value as string).Append(' ');
                }
            }

            // The ids the handler added itself are random too: taken out, so that they never match a secret by chance.
            var text = signals.ToString();
            foreach (var added in request.Headers.Where(h => h.Key is "MS-RequestId" or "MS-CorrelationId").SelectMany(h => h.Value))
            {
                text = text.Replace(added, " ", StringComparison.Ordinal);
            }

            foreach (var secret in secrets)
            {
                if (Leak(text, secret) is { } leak)
                {
                    leaks.Add($"{leak} <- {body} [{string.Join(", ", headers.Select(h => h.Name + ": " + h.Value))}] => {text}");
                }
            }
        }

        Figures.Report(_output, "secret fuzz (handler, Serilog and OpenTelemetry enrichers)", $"{channel}: {cases} error responses, {secretsSent} generated secrets, {leaks.Count} leaks, {badTags.Count} metric tags outside their closed sets (statuses include 600 and 999)");
        Assert.True(leaks.Count == 0, string.Join('\n', leaks.Take(10)));
        Assert.True(badTags.Count == 0, string.Join('\n', badTags.Take(10)));
    }

    /// <summary>Where the generated secrets travel.</summary>
    public enum Channel
    {
        /// <summary>Two secrets in the description.</summary>
        Description,

        /// <summary>A secret as the error code.</summary>
        Code,

        /// <summary>A secret as the value of MS-CV, MS-RequestId or MS-CorrelationId.</summary>
        Header,
    }

    private static Secret Add(List<Secret> secrets, Secret secret)
    {
        secrets.Add(secret);
        return secret;
    }

    private static string CodeSecret(SecretGenerator generator, List<Secret> secrets)
    {
        // Codes: AWS keys, long tokens, names, GUIDs, emails, phone numbers, long digit runs.
        int[] shapes = [13, 14, 15, 0, 9, 17, 21, 1];
        var secret = generator.Next(shapes[generator.Below(shapes.Length)]);
        secrets.Add(secret);
        return secret.Text;
    }

    private static void CheckMetricTag(string key, object? value, List<string> bad)
    {
        switch (key)
        {
            case Tags.HttpResponseStatusCode when !(value is int status && status is >= 100 and <= 599) && value as string != "_OTHER":
                bad.Add($"{key}={value}");
                break;
            case Tags.ErrorCode when value is string code && code != "other" && !code.All(char.IsAsciiDigit) && !PartnerCenterErrorCatalog.TryFindByCode(code, out _):
                bad.Add($"{key}={value}");
                break;
        }
    }

    private static string Description(SecretGenerator generator, string[] secrets)
    {
        var words = Enumerable.Range(0, 3 + generator.Below(12)).Select(_ => generator.Pick(TemplateWords)).ToList();
        foreach (var secret in secrets)
        {
            words.Insert(generator.Below(words.Count + 1), generator.Pick(["", "(", "'", "\""]) + secret + generator.Pick(["", ".", ",", ";", ")", "'", "?", "!"]));
        }

        return string.Join(' ', words);
    }

    /// <summary>
    /// The first fragment of <paramref name="secret"/> found in <paramref name="text"/>, else null: any five characters
    /// in a row of a random part (case-insensitive, after NFKC), or any word of a passphrase. Shapes are taken out first.
    /// </summary>
    private static string? Leak(string text, Secret secret)
    {
        var scanned = System.Text.RegularExpressions.Regex.Replace(text.Normalize(NormalizationForm.FormKC), @"\{[a-z]+\}", " ");
        foreach (var fragment in secret.Fragments)
        {
            // Five characters in a row of any alphanumeric run, and any two neighbouring runs with their separator
            // ("5b23-4110", "193.190"): a fragment of an id split by punctuation is a leak too.
            var runs = System.Text.RegularExpressions.Regex.Matches(fragment, @"[\p{L}\p{Nd}]+");
            for (var r = 0; r < runs.Count; r++)
            {
                var run = runs[r].Value;
                for (var i = 0; i + 5 <= run.Length; i++)
                {
                    if (scanned.Contains(run.AsSpan(i, 5), StringComparison.OrdinalIgnoreCase))
                    {
                        return run.Substring(i, 5);
                    }
                }

                if (r + 1 < runs.Count)
                {
                    var pair = fragment[runs[r].Index..(runs[r + 1].Index + runs[r + 1].Length)];
                    if (scanned.Contains(pair, StringComparison.OrdinalIgnoreCase))
                    {
                        return pair;
                    }
                }
            }
        }

        foreach (var word in secret.Words ?? [])
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(scanned, $@"\b{word}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                return word;
            }
        }

        return null;
    }

    private static string Redacted(string description) =>
        PartnerCenterErrorClassifier.Default.Classify(400, "765432", description).Description ?? string.Empty;

    private sealed record Case((string Name, string Value)[] Headers, string Body, int Status, List<Secret> Secrets);

    private sealed class StubHandler(Func<Case> current) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var c = current();
            var response = new HttpResponseMessage((HttpStatusCode)c.Status)
            {
                RequestMessage = request,
                Content = new StringContent(c.Body, Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in c.Headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return Task.FromResult(response);
        }
    }

    private sealed class ListSink(List<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Add(logEvent);
    }
}
