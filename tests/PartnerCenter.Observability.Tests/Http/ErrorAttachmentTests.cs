using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>
/// The error attached to a request: read back through <see cref="PartnerCenterRequestOptions.TryGetPartnerCenterError"/>,
/// and an in-memory body classified only when something reads it.
/// </summary>
/// <remarks>
/// Not run beside other tests: a span or metric listener of a test running at the same time would turn signals on, and
/// with them the classification during the call, which one test here checks does not happen when nothing listens.
/// </remarks>
[Collection(NonParallelTests.Name)]
public sealed class ErrorAttachmentTests
{
    private const string Eligibility = """{"code":800020,"description":"The catalog item isn't eligible for purchase."}""";

    [Fact]
    public void The_same_error_on_two_requests_reads_back_equal()
    {
        var first = PartnerCenterErrorClassifier.Default.Classify(403, Encoding.UTF8.GetBytes(Eligibility), "application/json");
        var second = PartnerCenterErrorClassifier.Default.Classify(403, Encoding.UTF8.GetBytes(Eligibility), "application/json");
        using var a = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");
        using var b = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/2/orders");

        ErrorAttachment.Attach(a, in first);
        ErrorAttachment.Attach(b, in second);

        Assert.IsType<AttachedError>(Holder(a));
        Assert.True(a.TryGetPartnerCenterError(out var readA));
        Assert.True(Same(in first, in readA));
        Assert.True(b.TryGetPartnerCenterError(out var read));
        Assert.Equal("800020", read.Code);
        Assert.Equal(403, read.StatusCode);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, read.Category);
    }

    [Fact]
    public void A_different_error_gets_its_own_value()
    {
        var eligibility = PartnerCenterErrorClassifier.Default.Classify(403, Encoding.UTF8.GetBytes(Eligibility), "application/json");
        var throttled = PartnerCenterErrorClassifier.ClassifyStatus(429);
        using var a = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");
        using var b = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");

        ErrorAttachment.Attach(a, in eligibility);
        ErrorAttachment.Attach(b, in throttled);

        Assert.True(a.TryGetPartnerCenterError(out var first));
        Assert.True(b.TryGetPartnerCenterError(out var second));
        Assert.Equal("800020", first.Code);
        Assert.Equal(429, second.StatusCode);
        Assert.Null(second.Code);
    }

    [Fact]
    public void A_request_without_an_attached_error_reads_as_none()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers");
        request.Options.Set(new HttpRequestOptionsKey<string>(ErrorAttachment.Key), "not ours");

        Assert.False(request.TryGetPartnerCenterError(out var error));
        Assert.Equal(default, error);
        Assert.Throws<ArgumentNullException>(() => ((HttpRequestMessage)null!).TryGetPartnerCenterError(out _));
    }

    [Fact]
    public void Attaching_again_replaces_the_attached_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");

        ErrorAttachment.Attach(request, PartnerCenterErrorClassifier.ClassifyStatus(503));
        ErrorAttachment.Attach(request, PartnerCenterErrorClassifier.ClassifyStatus(429));

        Assert.True(request.TryGetPartnerCenterError(out var read));
        Assert.Equal(429, read.StatusCode);
    }

    [Fact]
    public void A_deferred_body_is_classified_on_first_read_once_and_equals_the_eager_result()
    {
        var bytes = Encoding.UTF8.GetBytes("xx" + Eligibility + "yy");
        var counting = new CountingOverrides();
        var classifier = new PartnerCenterErrorClassifier(new PartnerCenterClassificationOptions());
        var watched = new PartnerCenterErrorClassifier(WithOverrides(counting));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");

        ErrorAttachment.AttachDeferred(request, 403, new ArraySegment<byte>(bytes, 2, Eligibility.Length), watched);
        Assert.Equal(0, counting.Reads);

        Assert.True(request.TryGetPartnerCenterError(out var first));
        var afterFirst = counting.Reads;
        Assert.True(afterFirst > 0);
        Assert.True(request.TryGetPartnerCenterError(out var second));
        Assert.Equal(afterFirst, counting.Reads);

        var eager = classifier.Classify(403, Encoding.UTF8.GetBytes(Eligibility), "application/json");
        Assert.True(Same(in eager, in first));
        Assert.True(Same(in first, in second));
        Assert.Equal("800020", first.Code);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, first.Category);
    }

    [Fact]
    public async Task A_deferred_body_read_from_many_threads_gives_one_result()
    {
        var bytes = Encoding.UTF8.GetBytes(Eligibility);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");
        ErrorAttachment.AttachDeferred(request, 403, new ArraySegment<byte>(bytes), PartnerCenterErrorClassifier.Default);

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => request.TryGetPartnerCenterError(out var e) ? e : default)));

        Assert.All(reads, read => Assert.True(Same(in reads[0], in read)));
        Assert.Equal("800020", reads[0].Code);
    }

    [Fact]
    public void A_deferred_classification_that_fails_reads_as_no_error_and_never_throws()
    {
        var options = WithOverrides(new ThrowingOverrides(countThrows: true));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");
        ErrorAttachment.AttachDeferred(request, 403, new ArraySegment<byte>(Encoding.UTF8.GetBytes(Eligibility)), new PartnerCenterErrorClassifier(options));

        Assert.False(request.TryGetPartnerCenterError(out var error));
        Assert.Equal(default, error);
        Assert.False(request.TryGetPartnerCenterError(out _));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(200_000, true)]
    public async Task An_unobserved_in_memory_error_is_attached_unclassified_and_classified_when_read(int padding, bool classifiedAtOnce)
    {
        // A body past the size limit is classified at once: a reference to it would keep the whole body alive.
        var body = padding == 0 ? Eligibility : Eligibility[..^1] + ",\"pad\":\"" + new string('x', padding) + "\"}";
        var counting = new CountingOverrides();
        var services = new ServiceCollection();
        services.AddHttpClient("pc")
            .ConfigurePrimaryHttpMessageHandler(() => new StubHandler(() => new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            }))
            .AddPartnerCenterTelemetry(o =>
            {
                // Every signal off, so nothing needs the classification while the request runs.
                o.AddRequestIds = false;
                o.EnrichHttpClientMetrics = false;
                o.Classification.CategoryOverrides = counting;
            });
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pc");

        using var response = await client.GetAsync(new Uri("https://api.partnercenter.microsoft.com/v1/customers/c1/orders"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(classifiedAtOnce, counting.Reads > 0);
        Assert.True(response.RequestMessage!.TryGetPartnerCenterError(out var error));
        Assert.True(counting.Reads > 0);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal("800020", error.Code);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, error.Category);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100_000)]
    public async Task An_in_memory_body_is_classified_from_its_first_bytes_and_left_whole(int padding)
    {
        var body = Eligibility[..^1] + ",\"pad\":\"" + new string('x', padding) + "\"}";
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var classification = await ErrorBodyCapture.ReadAndClassifyAsync(response, PartnerCenterErrorClassifier.Default, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);

        Assert.Equal(403, classification.StatusCode);
        if (padding < PartnerCenterErrorClassifier.Default.Options.MaxBodyBytes)
        {
            Assert.Equal("800020", classification.Code);
        }

        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Field by field, strings by ordinal value: two results that no reader could tell apart.</summary>
    private static bool Same(in PartnerCenterErrorClassification a, in PartnerCenterErrorClassification b) =>
        a.StatusCode == b.StatusCode
        && a.Category == b.Category
        && a.Source == b.Source
        && a.Payload == b.Payload
        && a.ServerStatedRetryable == b.ServerStatedRetryable
        && ReferenceEquals(a.Definition, b.Definition)
        && string.Equals(a.Code, b.Code, StringComparison.Ordinal)
        && string.Equals(a.Description, b.Description, StringComparison.Ordinal)
        && string.Equals(a.RawDescription, b.RawDescription, StringComparison.Ordinal);

    private static object? Holder(HttpRequestMessage request) =>
        ((IDictionary<string, object?>)request.Options).TryGetValue(ErrorAttachment.Key, out var value) ? value : null;

    private static PartnerCenterClassificationOptions WithOverrides(IDictionary<string, PartnerCenterErrorCategory> store)
    {
        return new PartnerCenterClassificationOptions { CategoryOverrides = store };
    }

    /// <summary>An empty override store that counts how often the classifier asks it anything.</summary>
    private sealed class CountingOverrides : Dictionary<string, PartnerCenterErrorCategory>, IDictionary<string, PartnerCenterErrorCategory>, ICollection<KeyValuePair<string, PartnerCenterErrorCategory>>
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        int ICollection<KeyValuePair<string, PartnerCenterErrorCategory>>.Count
        {
            get
            {
                Interlocked.Increment(ref _reads);
                return 0;
            }
        }

        bool IDictionary<string, PartnerCenterErrorCategory>.TryGetValue(string key, out PartnerCenterErrorCategory value)
        {
            Interlocked.Increment(ref _reads);
            value = default;
            return false;
        }
    }
}
