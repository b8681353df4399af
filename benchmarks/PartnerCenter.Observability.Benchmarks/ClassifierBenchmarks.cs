using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>
/// The reader and classifier against what a user would otherwise write: decode the body to a string
/// (what ReadAsStringAsync does) and JsonSerializer.Deserialize it into a DTO, then categorise by status.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ClassifierBenchmarks
{
    private static readonly string[] DescriptionWords = Payloads.UncatalogedDescription.Split([' ', '.'], StringSplitOptions.RemoveEmptyEntries);

    private readonly PartnerCenterErrorClassifier _classifier = PartnerCenterErrorClassifier.Default;

    [Benchmark(Baseline = true, Description = "naive: string + Deserialize<Dto>, 300 B error")]
    [BenchmarkCategory("typical")]
    public string? Naive_TypicalError() => Naive(403, Payloads.TypicalError);

    [Benchmark(Description = "ours: Classify, 300 B catalogued error")]
    [BenchmarkCategory("typical")]
    public PartnerCenterErrorCategory Ours_TypicalError() => _classifier.Classify(403, Payloads.TypicalError, "application/json; charset=utf-8").Category;

    [Benchmark(Baseline = true, Description = "naive: string + Deserialize<Dto>, 300 B uncataloged error")]
    [BenchmarkCategory("uncataloged")]
    public string? Naive_UncatalogedError() => Naive(403, Payloads.UncatalogedError);

    [Benchmark(Description = "ours: Classify, 300 B uncataloged error (decode + redact)")]
    [BenchmarkCategory("uncataloged")]
    public PartnerCenterErrorCategory Ours_UncatalogedError() => _classifier.Classify(403, Payloads.UncatalogedError, "application/json").Category;

    [Benchmark(Description = "ours: the fallback alone (phrases + model) on that description")]
    [BenchmarkCategory("uncataloged")]
    public PartnerCenterErrorCategory Ours_FallbackOnly() =>
        Classification.Fallback.TryClassify(403, Payloads.UncatalogedDescription, out var category) ? category : PartnerCenterErrorCategory.Unknown;

    [Benchmark(Description = "ours: the allowlist redaction alone on that description")]
    [BenchmarkCategory("uncataloged")]
    public string Ours_RedactionOnly() => Payload.DescriptionRedactor.Redact(Payloads.UncatalogedDescription, PartnerCenterErrorClassifier.Default.Options.MaxDescriptionLength);

    // The floor of the allowlist path, piece by piece: what any design pays that reads the body, looks every word up in
    // the allowlist and hashes every word for the learned fallback, before it decides or writes anything.
    [Benchmark(Description = "floor: the payload read alone on that body")]
    [BenchmarkCategory("uncataloged")]
    public int Floor_ReadOnly() => Payload.PartnerCenterPayloadReader.Read(Payloads.UncatalogedError, PartnerCenterErrorClassifier.Default.Options.MaxBodyBytes).Description.Length;

    [Benchmark(Description = "floor: one allowlist lookup per word of that description")]
    [BenchmarkCategory("uncataloged")]
    public int Floor_WordLookups()
    {
        var known = 0;
        foreach (var word in DescriptionWords)
        {
            known += Payload.DescriptionVocabulary.IsKnown(word) ? 1 : 0;
        }

        return known;
    }

    [Benchmark(Description = "floor: the learned fallback's word and pair hashes of that description")]
    [BenchmarkCategory("uncataloged")]
    public ulong Floor_FeatureHashes()
    {
        ulong all = 0;
        var features = new Classification.FallbackFeatures(Payloads.UncatalogedDescription);
        while (features.MoveNext(out var feature))
        {
            all ^= feature;
        }

        return all;
    }

    [Benchmark(Description = "ours: Classify, 400 B OAuth error body (invalid_grant)")]
    [BenchmarkCategory("uncataloged")]
    public PartnerCenterErrorCategory Ours_OAuthError() => _classifier.Classify(400, Payloads.OAuthError, "application/json").Category;

    [Benchmark(Baseline = true, Description = "naive: string + Deserialize<Dto>, 1 MiB HTML page")]
    [BenchmarkCategory("gateway")]
    public string? Naive_GatewayPage() => Naive(502, Payloads.GatewayPage);

    [Benchmark(Description = "ours: Classify, 1 MiB HTML page (text/html)")]
    [BenchmarkCategory("gateway")]
    public PartnerCenterErrorCategory Ours_GatewayPage_Html() => _classifier.Classify(502, Payloads.GatewayPage, "text/html").Category;

    [Benchmark(Description = "ours: Classify, 1 MiB HTML page mislabelled application/json")]
    [BenchmarkCategory("gateway")]
    public PartnerCenterErrorCategory Ours_GatewayPage_MislabelledJson() => _classifier.Classify(502, Payloads.GatewayPage, "application/json").Category;

    private static string? Naive(int status, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        try
        {
            var dto = JsonSerializer.Deserialize<ErrorDto>(text);
            return dto?.Code is { } code ? $"{status}:{code}" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (JsonException)
        {
            return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public sealed class ErrorDto
    {
        [System.Text.Json.Serialization.JsonPropertyName("code")]
        [System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString)]
        public int? Code { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("description")]
        public string? Description { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("data")]
        public JsonElement Data { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("source")]
        public string? Source { get; set; }
    }
}
