using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Tests.Operations;

/// <summary>
/// The public seam the other packages (retries, log redaction) name requests through: the same names as the handler,
/// and one cap for all of them.
/// </summary>
public sealed class PartnerCenterOperationResolverTests
{
    // The app-wide options (every client instrumented by AddPartnerCenterTelemetry() on the services) share one cap with
    // the resolver; a client configured on its own has named options, hence bounds of its own (docs/telemetry.md).
    [Fact]
    public async Task The_resolver_and_the_handler_count_names_against_one_cap()
    {
        using var harness = new TelemetryHarness(
            configureServices: services => services.AddPartnerCenterTelemetry(),
            configure: o =>
            {
                o.MaxOperations = 1;
                o.Hosts.Add("127.0.0.1");
            },
            explicitClient: false);
        var resolver = harness.Services.GetRequiredService<PartnerCenterOperationResolver>();
        using (var first = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/invoices"))
        {
            Assert.Equal("first-name", resolver.Resolve(first.WithPartnerCenterOperation("first-name")));
        }

        await using var server = await LoopbackServer.StartErrorAsync(500, "{}");
        using var client = harness.CreateClient();
        using var second = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "v1/invoices")).WithPartnerCenterOperation("second-name");
        using var response = await client.SendAsync(second, TestContext.Current.CancellationToken);

        // The cap of one was spent through the resolver: a handler with a cap of its own would have tagged "second-name".
        var error = Assert.Single(harness.Errors.GetMeasurementSnapshot());
        Assert.Equal(PartnerCenterTelemetryNames.Values.Other, error.Tags[Tags.Operation]);
    }

    [Theory]
    [InlineData("https://user:p4ss@example.test/v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders?token=secret#x", "/v1/customers/{customer_id}/orders")]
    [InlineData("http://10.0.0.7:8080/api/jane.doe@contoso.com/items/Xy12abcdEF?sig=1", "/{id}/{id}/{id}/{id}")]
    [InlineData("http://h.test/v2/customers/johnsmithname/orders", "/v2/customers/{id}/orders")]
    [InlineData("customers/42/invoices?x=1", "/customers/{id}/invoices")]
    public void RedactPath_keeps_only_route_words_and_versions_and_never_spends_the_cap(string url, string expected)
    {
        using var harness = new TelemetryHarness(configure: o => o.MaxOperations = 1);
        var resolver = harness.Services.GetRequiredService<PartnerCenterOperationResolver>();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected, resolver.RedactPath(new Uri(url, UriKind.RelativeOrAbsolute)));
        }

        // The cap of one is still free: a generic name resolved now takes it instead of collapsing to "other".
        Assert.Equal("/v1/{id}/{id}", resolver.Resolve(new Uri("https://api.partnercenter.microsoft.com/v1/abc123456/def987654")));
    }

    [Fact]
    public async Task The_resolver_names_a_request_as_the_handler_tags_it()
    {
        using var harness = new TelemetryHarness();
        var resolver = harness.Services.GetRequiredService<PartnerCenterOperationResolver>();
        await using var server = await LoopbackServer.StartErrorAsync(404, "{}");
        var uri = new Uri(server.BaseAddress, "v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders?token=secret");
        using var client = harness.CreateClient();
        using var response = await client.GetAsync(uri, TestContext.Current.CancellationToken);

        var tagged = Assert.Single(harness.Errors.GetMeasurementSnapshot()).Tags[Tags.Operation];
        Assert.Equal("/v1/customers/{customer_id}/orders", tagged);
        Assert.Equal(tagged, resolver.Resolve(uri));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        Assert.Equal(tagged, resolver.Resolve(request));
        Assert.Equal(tagged, resolver.Resolve(new Uri("/v1/customers/42/orders", UriKind.Relative)));
    }

    [Theory]
    [InlineData(null, "https://api.partnercenter.microsoft.com/v1/invoices", true)]
    [InlineData(null, "https://API.PartnerCenter.Microsoft.com:443/v1/invoices", true)]
    [InlineData(null, "https://example.com/v1/invoices", false)]
    [InlineData("localhost:5000", "http://localhost:5000/v1/invoices", true)]
    [InlineData("localhost:5000", "http://localhost:5001/v1/invoices", false)]
    [InlineData("localhost:5000", "https://api.partnercenter.microsoft.com/v1/invoices", false)]
    public void Hosts_are_recognized_as_configured(string? host, string uri, bool expected)
    {
        var services = new ServiceCollection().AddPartnerCenterTelemetry(o =>
        {
            if (host is not null)
            {
                o.Hosts.Clear();
                o.Hosts.Add(host);
            }
        });
        using var provider = services.BuildServiceProvider();
        var resolver = provider.GetRequiredService<PartnerCenterOperationResolver>();
        Assert.Equal(expected, resolver.IsPartnerCenterHost(new Uri(uri)));
        Assert.False(resolver.IsPartnerCenterHost(new Uri("/v1/invoices", UriKind.Relative)));
        Assert.False(resolver.IsPartnerCenterHost(null));
    }
}
