using System.Net;
using System.Text;
using System.Text.Json;
using PartnerCenter.Observability.Simulator.Tests.Support;

namespace PartnerCenter.Observability.Simulator.Tests.Routes;

/// <summary>The Partner Center routes answer with realistic success bodies.</summary>
public sealed class RouteTests
{
    private const string Customer = "v1/customers/0d3a1c2b-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

    public static TheoryData<string, string, string?, int, string> Routes() => new()
    {
        { "GET", "v1/customers", null, 200, "Collection" },
        { "GET", Customer, null, 200, "Customer" },
        { "GET", Customer + "/subscriptions", null, 200, "Collection" },
        { "GET", Customer + "/subscriptions/5b5c8f2e-1111-4222-8333-944455556666", null, 200, "Subscription" },
        { "PATCH", Customer + "/subscriptions/5b5c8f2e-1111-4222-8333-944455556666", """{"quantity": 12, "status": "suspended"}""", 200, "Subscription" },
        { "GET", Customer + "/orders", null, 200, "Collection" },
        { "POST", Customer + "/orders", """{"billingCycle": "annual", "lineItems": [{"offerId": "CFQ7TTC0LH18:0001:CFQ7TTC0KQ8W", "quantity": 3}]}""", 201, "Order" },
        { "GET", Customer + "/orders/ord-1", null, 200, "Order" },
        { "POST", Customer + "/carts", """{"lineItems": [{"catalogItemId": "DZH318Z0BQ3Q:0007:DZH318Z0BWTS", "quantity": 2}]}""", 201, "Cart" },
        { "GET", Customer + "/carts/cart-1", null, 200, "Cart" },
        { "PUT", Customer + "/carts/cart-1", """{"lineItems": [{"catalogItemId": "DZH318Z0BQ3Q:0007:DZH318Z0BWTS", "quantity": 5}]}""", 200, "Cart" },
        { "POST", Customer + "/carts/cart-1/checkout", null, 200, "CartCheckoutResult" },
        { "GET", Customer + "/transfers", null, 200, "Collection" },
        { "POST", Customer + "/transfers", """{"sourcePartnerTenantId": "11111111-2222-4333-8444-555555555555"}""", 201, "TransferEntity" },
        { "GET", Customer + "/transfers/tr-1", null, 200, "TransferEntity" },
        { "GET", "v1/productUpgrades/up-1", null, 200, "ProductUpgradeRequest" },
        { "GET", "v1/invoices", null, 200, "Collection" },
        { "GET", "v1/invoices/G000123456", null, 200, "Invoice" },
        { "GET", "v1/products/DZH318Z0BQ3Q/skus/0007/availabilities", null, 200, "Collection" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_route_answers_with_a_Partner_Center_resource(string method, string path, string? body, int status, string objectType)
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);
        using var request = SimulatorClient.Request(new HttpMethod(method), path, "success");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(status == (int)response.StatusCode, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.InRange(text.Length, 100, 16 * 1024);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(objectType, json.RootElement.GetProperty("attributes").GetProperty("objectType").GetString());
        if (objectType != "CartCheckoutResult")
        {
            Assert.StartsWith("/", json.RootElement.GetProperty("links").GetProperty("self").GetProperty("uri").GetString(), StringComparison.Ordinal);
        }

        if (objectType == "Collection")
        {
            Assert.Equal(json.RootElement.GetProperty("totalCount").GetInt32(), json.RootElement.GetProperty("items").GetArrayLength());
        }
    }

    [Fact]
    public async Task Route_ids_and_request_bodies_show_in_the_answer()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);
        using var request = SimulatorClient.Request(HttpMethod.Patch, Customer + "/subscriptions/sub-9", "success");
        request.Content = new StringContent("""{"quantity": 12, "status": "suspended"}""", Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("sub-9", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(12, json.RootElement.GetProperty("quantity").GetInt32());
        Assert.Equal("suspended", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_product_upgrade_is_accepted_with_a_Location_to_poll()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);
        using var request = SimulatorClient.Request(HttpMethod.Post, "v1/productUpgrades", "success");
        request.Content = new StringContent("""{"customerId": "c1", "productFamily": "azure"}""", Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Matches("^/v1/productUpgrades/[0-9a-f-]{36}$", response.Headers.Location?.OriginalString);
        using var poll = await client.SendAsync(SimulatorClient.Get(response.Headers.Location!.OriginalString.TrimStart('/'), "success"));
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_Partner_Centers_invalid_input()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);
        using var request = SimulatorClient.Request(HttpMethod.Post, Customer + "/orders", "success");
        request.Content = new StringContent("{not json", Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);
        var classified = PartnerCenterErrorClassifier.Default.Classify(400, await response.Content.ReadAsByteArrayAsync(), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("800002", PartnerCenterErrorCategory.Validation), (classified.Code, classified.Category));
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_and_a_wrong_method_a_405()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);

        using var missing = await client.SendAsync(SimulatorClient.Get("v1/nowhere/at/all", "success"));
        using var wrongMethod = await client.SendAsync(SimulatorClient.Request(HttpMethod.Delete, "v1/invoices", "success"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var classified = PartnerCenterErrorClassifier.Default.Classify(404, await missing.Content.ReadAsByteArrayAsync(), "application/json");
        Assert.Equal(PartnerCenterErrorCategory.NotFound, classified.Category);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal([404, 405], sim.ReceivedRequests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task An_unknown_path_is_the_documented_404_whatever_the_scenario()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 42, Scenario = PartnerCenterScenario.ThrottleStorm });
        using var client = SimulatorClient.Create(sim);

        var unknown = new List<int>();
        var known = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            using var missing = await client.SendAsync(SimulatorClient.Get("v1/nowhere/at/all"));
            unknown.Add((int)missing.StatusCode);
            var classified = PartnerCenterErrorClassifier.Default.Classify(404, await missing.Content.ReadAsByteArrayAsync(), "application/json");
            Assert.Equal(PartnerCenterErrorCategory.NotFound, classified.Category);
            using var invoices = await client.SendAsync(SimulatorClient.Get("v1/invoices"));
            known.Add((int)invoices.StatusCode);
        }

        Assert.All(unknown, status => Assert.Equal(404, status));
        Assert.Contains(429, known); // the storm is in force on the routes it serves
        Assert.All(
            sim.ReceivedRequests.Where(r => r.Path == "/v1/nowhere/at/all"),
            r => Assert.Equal(("unknown-route", "ResourceNotFound", PartnerCenterErrorCategory.NotFound), (r.Outcome, r.ErrorCode, r.IntendedCategory)));
    }

    [Fact]
    public async Task New_ids_follow_the_seed()
    {
        Assert.Equal(await NewOrderIdAsync(seed: 4), await NewOrderIdAsync(seed: 4));
        Assert.NotEqual(await NewOrderIdAsync(seed: 4), await NewOrderIdAsync(seed: 5));

        static async Task<string> NewOrderIdAsync(int seed)
        {
            await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = seed });
            using var client = SimulatorClient.Create(sim);
            using var response = await client.SendAsync(SimulatorClient.Request(HttpMethod.Post, Customer + "/orders", "success"));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("id").GetString()!;
        }
    }
}
