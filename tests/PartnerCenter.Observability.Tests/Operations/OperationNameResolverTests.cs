using PartnerCenter.Observability.Operations;

namespace PartnerCenter.Observability.Tests.Operations;

public sealed class OperationNameResolverTests
{
    private static OperationNameResolver Create(int max = 100, params string[] templates) => new(templates, max);

    [Theory]
    [InlineData("/v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/carts/abc/checkout", "/v1/customers/{customer_id}/carts/{cart_id}/checkout")]
    [InlineData("/v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/subscriptions/x", "/v1/customers/{customer_id}/subscriptions/{subscription_id}")]
    [InlineData("/V1/Customers/42/Orders/", "/v1/customers/{customer_id}/orders")]
    [InlineData("/v1/productUpgrades/eligibility", "/v1/productUpgrades/eligibility")]
    [InlineData("/v1/productUpgrades/0d3c8f66", "/v1/productUpgrades/{upgrade_id}")]
    [InlineData("/v1/invoices/G000123/lineitems/onerate/billinglineitems", "/v1/invoices/{invoice_id}/lineitems/{provider}/{line_item_type}")]
    [InlineData("/v1/customers/1/transfers/2", "/v1/customers/{customer_id}/transfers/{transfer_id}")]
    [InlineData("/v1/products/DZH318Z0BQ3Q/skus/0001/availabilities", "/v1/products/{product_id}/skus/{sku_id}/availabilities")]
    [InlineData("/v1/customers/1/users/2/licenses", "/v1/customers/{customer_id}/users/{user_id}/licenses")]
    [InlineData("/v1/customers/1/relationships", "/v1/customers/{customer_id}/relationships")]
    [InlineData("/v1/invoices?size=5&filter=secret", "/v1/invoices")]
    public void Partner_center_routes_become_their_template(string path, string expected) =>
        Assert.Equal(expected, Create().Resolve(path));

    // The operation name's casing is the route table's (Microsoft's REST reference: productUpgrades), whatever the
    // request's: one series per operation, and the name a reader finds in the REST reference.
    [Theory]
    [InlineData("/v1/productUpgrades", "/v1/productUpgrades")]
    [InlineData("/v1/productupgrades", "/v1/productUpgrades")]
    [InlineData("/V1/PRODUCTUPGRADES/ELIGIBILITY", "/v1/productUpgrades/eligibility")]
    [InlineData("/v1/ProductUpgrades/0d3c8f66/Status", "/v1/productUpgrades/{upgrade_id}/status")]
    [InlineData("/v1/productupgrades/0d3c8f66/status/history", "/v1/productUpgrades/{id}/status/{id}")]
    [InlineData("/V1/PRODUCTUPGRADES/0d3c8f66/STATUS/history", "/v1/productUpgrades/{id}/status/{id}")]
    [InlineData("/V2/CUSTOMERS/42/Orders", "/v2/customers/{id}/orders")]
    public void Operation_names_keep_the_route_tables_casing_whatever_the_requests(string path, string expected) =>
        Assert.Equal(expected, Create().Resolve(path));

    [Fact]
    public void A_user_template_word_keeps_the_built_in_casing_in_generic_names_and_its_own_in_its_template()
    {
        var resolver = Create(100, "/v3/PRODUCTUPGRADES/{id}/Widgets");
        Assert.Equal("/v3/PRODUCTUPGRADES/{id}/Widgets", resolver.Resolve("/v3/productupgrades/1/widgets"));
        Assert.Equal("/v2/productUpgrades/Widgets", resolver.Resolve("/v2/ProductUpgrades/WIDGETS"));
    }

    [Theory]
    [InlineData("/v2/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders/12345", "/v2/customers/{id}/orders/{id}")]
    [InlineData("/v1/customers/jane.doe@contoso.com/x", "/v1/customers/{id}/{id}")]
    [InlineData("/v1/invoices/ab12cd34ef/extra", "/v1/invoices/{id}/{id}")]
    [InlineData("/V2/Subscriptions", "/v2/subscriptions")]
    [InlineData("/", "/")]
    public void Other_paths_are_templated_generically(string path, string expected) =>
        Assert.Equal(expected, Create().Resolve(path));

    // Words the route table does not know (names, keys, secrets) never reach the operation tag.
    [Theory]
    [InlineData("/v2/partners/JohnSmith/notes", "/v2/{id}/{id}/{id}")]
    [InlineData("/v2/apikeys/hunter2/rotate", "/v2/{id}/{id}/{id}")]
    [InlineData("/v2/keys/QwErTyUiOpAsDfGhJk/rotate", "/v2/{id}/{id}/{id}")]
    [InlineData("/v1/unknown/words-only", "/v1/{id}/{id}")]
    [InlineData("/v2/customers/a/b/c/d/e/f/g/h/i/j/k/l/m/n/JaneDoeSecretWord", "/v2/customers/{id}/{id}/{id}/{id}/{id}/{id}/{rest}")]
    public void Unknown_words_become_placeholders_and_depth_is_capped(string path, string expected)
    {
        var resolver = Create();
        Assert.Equal(expected, resolver.Resolve(path));
    }

    [Fact]
    public void Words_of_user_templates_are_known_words()
    {
        var resolver = Create(100, "/v3/partners/{partner_id}/notes");
        Assert.Equal("/v3/partners/{partner_id}/notes", resolver.Resolve("/v3/partners/JohnSmith/notes"));
        Assert.Equal("/v2/partners/{id}/notes", resolver.Resolve("/v2/partners/JohnSmith/notes"));
    }

    [Fact]
    public void User_templates_win_over_the_built_in_routes()
    {
        var resolver = Create(100, "/v1/customers/{tenant}/orders");
        Assert.Equal("/v1/customers/{tenant}/orders", resolver.Resolve("/v1/customers/42/orders"));
    }

    [Fact]
    public void Generic_and_user_set_names_collapse_to_other_past_the_cap()
    {
        var resolver = Create(2);
        Assert.Equal("/v2/orders", resolver.Resolve("/v2/orders"));
        Assert.Equal("/v2/invoices", resolver.Resolve("/v2/invoices"));
        Assert.Equal("other", resolver.Resolve("/v2/offers"));
        Assert.Equal("/v2/orders", resolver.Resolve("/v2/orders"));
        Assert.Equal("/v1/invoices", resolver.Resolve("/v1/invoices")); // catalogued routes are never capped

        using var request = new HttpRequestMessage(HttpMethod.Get, "http://x/v1/invoices").WithPartnerCenterOperation("my-op");
        Assert.Equal("other", resolver.Resolve(request));
        Assert.Equal(2, resolver.DynamicOperationCount);
    }

    [Fact]
    public void The_per_request_operation_wins()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://x/v1/invoices").WithPartnerCenterOperation("list-invoices");
        Assert.Equal("list-invoices", Create().Resolve(request));
    }
}
