using PartnerCenter.Observability.Operations;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Tests.Operations;

/// <summary>The edges of operation naming: versions, id-like words, the segment bounds, the override and the per-operation code cap.</summary>
public sealed class OperationNameEdgeTests
{
    [Theory]
    [InlineData("/v1/zzz", "/v1/{id}")]
    [InlineData("/V12/zzz", "/v12/{id}")]
    [InlineData("/v123/zzz", "/{id}/{id}")]
    [InlineData("/v1a/zzz", "/{id}/{id}")]
    [InlineData("/va/zzz", "/{id}/{id}")]
    [InlineData("/x1/zzz", "/{id}/{id}")]
    [InlineData("/v/zzz", "/{id}/{id}")]
    public void Api_versions_are_kept(string path, string expected) =>
        Assert.Equal(expected, Create().Resolve(path));

    [Theory]
    [InlineData("abcdefg1", "{id}")]
    [InlineData("abcdef1", "abcdef1")]
    [InlineData("abcdefgh", "abcdefgh")]
    [InlineData("abcdefghijklmnopqrstuvwx", "{id}")]
    [InlineData("abcdefghijklmnopqrstuvw", "abcdefghijklmnopqrstuvw")]
    [InlineData("12345", "{id}")]
    [InlineData("a.b", "{id}")]
    [InlineData("a@b", "{id}")]
    [InlineData("a-b_c", "a-b_c")]
    [InlineData("5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11", "{id}")]
    public void A_word_of_a_user_template_that_looks_like_an_id_is_still_an_id(string word, string expected)
    {
        // The word is known (it is a literal of a user template), but a path that is not that template keeps it only
        // when it does not look like an id, a number or an opaque value.
        var resolver = Create(100, "/v9/things/" + word + "/{x}/{y}/{z}");
        Assert.Equal("/v9/things/" + expected, resolver.Resolve("/v9/things/" + word));
    }

    [Theory]
    [InlineData("/v1/invoices#top", "/v1/invoices")]
    [InlineData("/v1/invoices?x=1#top", "/v1/invoices")]
    [InlineData("v1/invoices", "/v1/invoices")]
    [InlineData("//v1//invoices//", "/v1/invoices")]
    [InlineData("", "/")]
    [InlineData("?q=secret", "/")]
    public void Queries_fragments_and_extra_slashes_are_ignored(string path, string expected) =>
        Assert.Equal(expected, Create().Resolve(path));

    [Fact]
    public void Deep_paths_keep_eight_segments_and_end_in_rest()
    {
        var resolver = Create();
        Assert.Equal("/v2/customers/{id}/{id}/{id}/{id}/{id}/{id}", resolver.Resolve("/v2/customers/a/b/c/d/e/f"));
        Assert.Equal("/v2/customers/{id}/{id}/{id}/{id}/{id}/{id}/{rest}", resolver.Resolve("/v2/customers/a/b/c/d/e/f/g"));

        var sixteen = "/" + string.Join('/', Enumerable.Repeat("customers", 16));
        Assert.Equal("/customers/customers/customers/customers/customers/customers/customers/customers/{rest}", resolver.Resolve(sixteen));
    }

    [Fact]
    public void A_path_longer_than_every_template_is_named_generically()
    {
        var resolver = Create(100, "/v1/a/{b}");
        Assert.Equal("/v1/a/{b}", resolver.Resolve("/v1/a/x"));
        Assert.Equal("/v1/a/{id}/{id}", resolver.Resolve("/v1/a/x/y"));
    }

    [Theory]
    [InlineData("/v7/{a}/things", "/v7/stuff/things")]
    [InlineData("/v7/stuff/things", "/v7/{a}/things")]
    public void Among_user_templates_the_one_with_more_literal_segments_wins(string first, string second)
    {
        var resolver = Create(100, first, second);
        Assert.Equal("/v7/stuff/things", resolver.Resolve("/v7/stuff/things"));
        Assert.Equal("/v7/{a}/things", resolver.Resolve("/v7/other/things"));
        Assert.Equal("/v7/{id}/{id}", resolver.Resolve("/v7/other/nothing"));
    }

    [Fact]
    public void A_user_template_wins_over_a_built_in_one_with_more_literals()
    {
        var resolver = Create(100, "/v1/{a}/{b}/{c}/{d}");
        Assert.Equal("/v1/{a}/{b}/{c}/{d}", resolver.Resolve("/v1/customers/1/subscriptions/2"));
    }

    [Theory]
    [InlineData("{}", false)]
    [InlineData("{a}", true)]
    public void A_placeholder_has_a_name(string segment, bool isPlaceholder)
    {
        var resolver = Create(100, "/v8/" + segment + "/end");
        Assert.Equal(isPlaceholder ? "/v8/" + segment + "/end" : "/v8/{id}/end", resolver.Resolve("/v8/anything/end"));
    }

    [Fact]
    public void The_per_request_name_is_cut_cleaned_and_ignored_when_blank()
    {
        var resolver = Create();
        var longName = new string('n', 200);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "http://x/v1/invoices").WithPartnerCenterOperation(longName))
        {
            Assert.Equal(new string('n', 128), resolver.Resolve(request));
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "http://x/v1/invoices").WithPartnerCenterOperation("list\r\ninvoices"))
        {
            Assert.DoesNotContain('\n', resolver.Resolve(request));
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "http://x/v1/invoices"))
        {
            // The extension refuses a blank name; an app that sets the option key itself may still give one.
            request.Options.Set(PartnerCenterRequestOptions.Operation, "  ");
            Assert.Equal("/v1/invoices", resolver.Resolve(request));
        }

        using (var relative = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/invoices?x=1", UriKind.Relative)))
        {
            Assert.Equal("/v1/invoices", resolver.Resolve(relative));
        }

        using (var none = new HttpRequestMessage { RequestUri = null })
        {
            Assert.Equal("/", resolver.Resolve(none));
        }

        using (var absolute = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/invoices?size=1"))
        {
            Assert.Equal("/v1/invoices", resolver.Resolve(absolute));
        }
    }

    [Fact]
    public void Uncataloged_codes_are_capped_per_operation_and_catalogued_ones_never()
    {
        var cap = new MetricCodeCap(maxPerOperation: 1);
        var classifier = PartnerCenterErrorClassifier.Default;

        Assert.Null(cap.Bound("/v1/invoices", classifier.Classify(400, null, "x")));
        Assert.Equal("700001", cap.Bound("/v1/invoices", classifier.Classify(400, "700001", null)));
        Assert.Equal("other", cap.Bound("/v1/invoices", classifier.Classify(400, "700002", null)));
        Assert.Equal("700002", cap.Bound("/v1/orders", classifier.Classify(400, "700002", null)));

        var catalogued = classifier.Classify(403, "800020", null);
        Assert.Equal("800020", cap.Bound("/v1/invoices", catalogued));
        Assert.Equal("800020", cap.Bound("/v1/invoices", catalogued));
    }

    private static OperationNameResolver Create(int maxOperations = 100, params string[] templates) =>
        new(templates, maxOperations);
}
