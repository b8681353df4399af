using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hardening.Tests.Load;

/// <summary>
/// Requests with random ids in their paths (GUIDs, numbers, emails, tenant domains), random query strings, random unknown
/// routes and per-request operation names, answered with random uncataloged 6-digit codes: the number of distinct
/// metric series stays under the bound that follows from the caps (docs/reliability.md), whatever the number of requests.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class CardinalityTests
{
    /// <summary>Paths whose route template is built in, each with one or two ids.</summary>
    private static readonly string[] Shapes =
    [
        "v1/customers/{0}", "v1/customers/{0}/subscriptions/{1}", "v1/customers/{0}/orders", "v1/customers/{0}/orders/{1}",
        "v1/customers/{0}/carts/{1}/checkout", "v1/invoices/{1}", "v1/customers/{0}/users/{1}/licenses", "v1/products/{1}/skus/{1}/availabilities",
    ];

    private static readonly HttpMethod[] Methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Delete, new("PURGE")];
    private static readonly int[] SuccessStatuses = [200, 204];
    private static readonly int[] ErrorStatuses = [400, 403, 404, 429, 500, 503];

    /// <summary>A few catalogued codes, sent now and then among the random ones.</summary>
    private static readonly string[] CataloguedCodes = [.. PartnerCenterErrorCatalog.Definitions.Where(d => d.Code is not null).Select(d => d.Code!).Distinct().Take(10)];

    private readonly ITestOutputHelper _output;

    public CardinalityTests(ITestOutputHelper output) => _output = output;

    public enum Transport
    {
        /// <summary>HttpClient and Kestrel over loopback.</summary>
        Loopback,

        /// <summary>An in-memory primary handler answering the same way (the series depend on our handler only): for the million-request run.</summary>
        InMemory,
    }

    [Theory]
    [InlineData(Transport.Loopback)]
    [InlineData(Transport.InMemory)]
    public async Task Distinct_metric_series_stay_under_the_bound_of_the_caps(Transport transport)
    {
        var total = transport == Transport.Loopback ? RunMode.Pick(20_000, 100_000) : RunMode.Pick(100_000, 1_000_000);
        await using var server = transport == Transport.Loopback ? await LoopbackServer.StartAsync(ServeAsync) : null;
        var services = new ServiceCollection();
        var http = services.AddHttpClient("pc", client => client.BaseAddress = server?.BaseAddress ?? new Uri("http://pc.invalid/"))
            .AddPartnerCenterTelemetry()
            .RemoveAllLoggers();
        if (transport == Transport.InMemory)
        {
            http.ConfigurePrimaryHttpMessageHandler(() => new InMemoryServer());
        }

        await using var provider = services.BuildServiceProvider();
        using var series = new SeriesCounter(provider.GetRequiredService<IMeterFactory>());
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pc");

        long next = -1;
        var sentPaths = new ConcurrentDictionary<int, byte>();
        var sentCodes = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var halfway = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var random = new Random(7_000 + worker);
            long index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                using var request = CreateRequest(random);
                sentPaths.TryAdd(StringComparer.Ordinal.GetHashCode(request.RequestUri!.OriginalString), 0);
                if (request.Headers.TryGetValues("X-Code", out var code))
                {
                    sentCodes.TryAdd(code.Single(), 0);
                }

                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                if (index == total / 2)
                {
                    halfway = series.Duration.Count;
                }
            }
        }))).WaitAsync(TimeSpan.FromMinutes(RunMode.Pick(3, 30)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        // The caps, one by one.
        var operations = series.Values(Tags.Operation);
        var dynamicOperations = operations.Count(o => !o.StartsWith("/v1/", StringComparison.Ordinal) && o != PartnerCenterTelemetryNames.Values.Other);
        Assert.True(dynamicOperations <= 200, $"{dynamicOperations} generic and per-request operation names, over MaxOperations (200)");
        Assert.Equal(200, dynamicOperations);
        Assert.Contains(PartnerCenterTelemetryNames.Values.Other, operations);
        Assert.True(operations.Count <= Shapes.Length + 200 + 1, $"{operations.Count} operation values");
        Assert.True(series.Values(Tags.HttpRequestMethod).IsSubsetOf(["GET", "POST", "DELETE", "_OTHER"]));
        var catalogued = PartnerCenterErrorCatalog.Definitions.Where(d => d.Code is not null).Select(d => d.Code!).ToHashSet(StringComparer.Ordinal);
        foreach (var (operation, codes) in series.CodesByOperation())
        {
            var uncataloged = codes.Count(c => !catalogued.Contains(c) && c != PartnerCenterTelemetryNames.Values.Other);
            Assert.True(uncataloged <= 20, $"{operation} has {uncataloged} uncataloged code values, over MaxUncatalogedCodesPerOperation (20)");
        }

        // The bound: O x M x (1 + K) duration series (success, or a failure of one of K categories: no status, code or
        // error.type of a response on the histogram), O x S_err x (C + U + 2) error series, with O = shapes +
        // MaxOperations + 1, C = catalogued codes sent, U = 20; one category per (status, code): no descriptions.
        var o = Shapes.Length + 200 + 1;
        var codeValues = CataloguedCodes.Length + 20 + 2;
        var durationBound = o * Methods.Length * (1 + Enum.GetValues<PartnerCenterErrorCategory>().Length);
        var errorBound = o * ErrorStatuses.Length * codeValues;
        Assert.True(series.Duration.Count <= durationBound, $"{series.Duration.Count} duration series, over the bound {durationBound}");
        Assert.True(series.Errors.Count <= errorBound, $"{series.Errors.Count} error series, over the bound {errorBound}");
        Figures.Report(_output, "series bound", $"{transport}: {total:N0} requests ({sentPaths.Count:N0} distinct paths, {sentCodes.Count:N0} distinct codes) in {elapsed.TotalSeconds:0.0} s -> {series.Duration.Count:N0} duration series ({halfway:N0} at half-way; bound {durationBound:N0}), {series.Errors.Count:N0} error series (bound {errorBound:N0}); {operations.Count} operations ({dynamicOperations} dynamic + other), at most {series.CodesByOperation().Max(p => p.Value.Count)} code values per operation");
    }

    private static HttpRequestMessage CreateRequest(Random random)
    {
        var method = Methods[random.Next(Methods.Length)];
        string path;
        var kind = random.Next(10);
        if (kind < 6)
        {
            path = string.Format(CultureInfo.InvariantCulture, Shapes[random.Next(Shapes.Length)], RandomId(random), RandomId(random));
        }
        else if (kind < 9)
        {
            // An unknown route: a random word names a new generic operation until the cap.
            path = $"v2/widgets/{RandomWord(random)}/parts/{RandomId(random)}";
        }
        else
        {
            path = "v1/things";
        }

        if (random.Next(3) == 0)
        {
            path += $"?filter={RandomWord(random)}&owner={Uri.EscapeDataString(RandomEmail(random))}";
        }

        var request = new HttpRequestMessage(method, path);
        if (kind == 9)
        {
            request.WithPartnerCenterOperation("job-" + RandomWord(random));
        }

        var error = random.Next(4) != 0;
        var status = error ? ErrorStatuses[random.Next(ErrorStatuses.Length)] : SuccessStatuses[random.Next(SuccessStatuses.Length)];
        request.Headers.Add("X-Status", status.ToString(CultureInfo.InvariantCulture));
        if (error)
        {
            request.Headers.Add("X-Code", random.Next(10) == 0 ? CataloguedCodes[random.Next(CataloguedCodes.Length)] : RandomUncatalogedCode(random));
        }

        return request;
    }

    private static string RandomId(Random random) => random.Next(4) switch
    {
        0 => new Guid(random.Next(), (short)random.Next(), (short)random.Next(), [(byte)random.Next(256), 1, 2, 3, 4, 5, 6, 7]).ToString(),
        1 => random.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture),
        2 => RandomEmail(random),
        _ => $"{RandomWord(random)}{random.Next(1000)}.onmicrosoft.com",
    };

    private static string RandomEmail(Random random) => $"{RandomWord(random)}.{RandomWord(random)}@{RandomWord(random)}.com";

    private static string RandomWord(Random random)
    {
        Span<char> word = stackalloc char[3 + random.Next(5)];
        for (var i = 0; i < word.Length; i++)
        {
            word[i] = (char)('a' + random.Next(26));
        }

        return new string(word);
    }

    private static string RandomUncatalogedCode(Random random)
    {
        while (true)
        {
            var code = random.Next(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture);
            if (!PartnerCenterErrorCatalog.TryFindByCode(code, out _))
            {
                return code;
            }
        }
    }

    private static (int Status, byte[] Body) Answer(string? status, string? code)
    {
        var value = int.Parse(status ?? "200", CultureInfo.InvariantCulture);
        return (value, Encoding.UTF8.GetBytes(code is null ? "{\"ok\": true}" : "{\"code\": " + code + "}"));
    }

    private static async Task ServeAsync(HttpContext context)
    {
        var (status, body) = Answer(context.Request.Headers["X-Status"], context.Request.Headers["X-Code"]);
        context.Response.StatusCode = status;
        if (status != 204)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body);
        }
    }

    /// <summary>Answers like <see cref="ServeAsync"/>, in memory, with a stream content (the handler's capture path).</summary>
    private sealed class InMemoryServer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, body) = Answer(
                request.Headers.TryGetValues("X-Status", out var s) ? s.Single() : null,
                request.Headers.TryGetValues("X-Code", out var c) ? c.Single() : null);
            var content = new StreamContent(new MemoryStream(status == 204 ? [] : body));
            content.Headers.ContentType = new("application/json");
            return Task.FromResult(new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>Distinct tag sets of our duration histogram and error counter, from one service provider's meter.</summary>
    private sealed class SeriesCounter : IDisposable
    {
        private readonly MeterListener _listener = new();

        public SeriesCounter(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name is PartnerCenterTelemetryNames.RequestDuration or PartnerCenterTelemetryNames.Errors)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Duration.TryAdd(Key(tags), 0));
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Errors.TryAdd(Key(tags), 0));
            _listener.Start();
        }

        public ConcurrentDictionary<string, byte> Duration { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, byte> Errors { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Values(string tag) => [.. Duration.Keys.SelectMany(Parse).Where(p => p.Key == tag).Select(p => p.Value)];

        public Dictionary<string, HashSet<string>> CodesByOperation() =>
            Errors.Keys.Select(k => Parse(k).ToDictionary(p => p.Key, p => p.Value))
                .Where(t => t.ContainsKey(Tags.ErrorCode))
                .GroupBy(t => t[Tags.Operation])
                .ToDictionary(g => g.Key, g => g.Select(t => t[Tags.ErrorCode]).ToHashSet(StringComparer.Ordinal));

        public void Dispose() => _listener.Dispose();

        private static string Key(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var parts = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                parts[i] = tags[i].Key + "=" + Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture);
            }

            Array.Sort(parts, StringComparer.Ordinal);
            return string.Join("\u001f", parts);
        }

        private static IEnumerable<KeyValuePair<string, string>> Parse(string key) =>
            key.Split('\u001f').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1]));
    }
}
