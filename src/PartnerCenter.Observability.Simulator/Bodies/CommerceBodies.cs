using System.Text.Json.Nodes;
using static PartnerCenter.Observability.Simulator.Bodies.JsonShapes;

namespace PartnerCenter.Observability.Simulator.Bodies;

/// <summary>Orders, carts and checkout (<c>/v1/customers/{id}/orders</c>, <c>/v1/customers/{id}/carts</c>).</summary>
internal static class CommerceBodies
{
    private const string DefaultCatalogItemId = "CFQ7TTC0LF8Q:0001:CFQ7TTC0K5GG";

    public static JsonObject Order(string customerId, string orderId, string status, DateTimeOffset created, Func<Guid> newId, JsonObject? request = null)
    {
        var requested = Objects(request, "lineItems");
        var lineItems = new JsonArray();
        var count = Math.Max(1, Math.Min(requested.Count, 20));
        for (var i = 0; i < count; i++)
        {
            var item = i < requested.Count ? requested[i] : null;
            var offerId = Text(item, "offerId", Text(item, "catalogItemId", DefaultCatalogItemId));
            lineItems.Add((JsonNode)new JsonObject
            {
                ["lineItemNumber"] = i,
                ["offerId"] = offerId,
                ["subscriptionId"] = newId().ToString(),
                ["termDuration"] = Text(item, "termDuration", "P1Y"),
                ["transactionType"] = "New",
                ["friendlyName"] = Text(item, "friendlyName", "Microsoft 365 Business Premium"),
                ["quantity"] = Number(item, "quantity", 1),
                ["links"] = new JsonObject
                {
                    ["provisioningStatus"] = Link($"/customers/{customerId}/orders/{orderId}/lineitems/{i}/provisioningstatus"),
                    ["sku"] = Link($"/products/{offerId[..Math.Min(12, offerId.Length)]}/skus/0001?country=US"),
                },
            });
        }

        return new JsonObject
        {
            ["id"] = orderId,
            ["alternateId"] = orderId[..Math.Min(12, orderId.Length)],
            ["referenceCustomerId"] = customerId,
            ["billingCycle"] = Text(request, "billingCycle", "monthly"),
            ["currencyCode"] = "USD",
            ["currencySymbol"] = "$",
            ["lineItems"] = lineItems,
            ["creationDate"] = Date(created),
            ["status"] = status,
            ["transactionType"] = "UserPurchase",
            ["links"] = Links(
                $"/customers/{customerId}/orders/{orderId}",
                ("provisioningStatus", $"/customers/{customerId}/orders/{orderId}/provisioningstatus")),
            ["attributes"] = Attributes("Order"),
        };
    }

    public static JsonObject Orders(string customerId, Func<Guid> newId, DateTimeOffset now) =>
        Collection(
            Enumerable.Range(0, 2).Select(i => (JsonNode)Order(customerId, newId().ToString(), "completed", now.AddDays(-30 * (i + 1)), newId)),
            $"/customers/{customerId}/orders");

    public static JsonObject Cart(string customerId, string cartId, DateTimeOffset now, JsonObject? request = null)
    {
        var requested = Objects(request, "lineItems");
        var lineItems = new JsonArray();
        var count = Math.Max(1, Math.Min(requested.Count, 20));
        for (var i = 0; i < count; i++)
        {
            var item = i < requested.Count ? requested[i] : null;
            lineItems.Add((JsonNode)new JsonObject
            {
                ["id"] = i,
                ["catalogItemId"] = Text(item, "catalogItemId", DefaultCatalogItemId),
                ["quantity"] = Number(item, "quantity", 1),
                ["billingCycle"] = Text(item, "billingCycle", "monthly"),
                ["termDuration"] = Text(item, "termDuration", "P1Y"),
                ["currencyCode"] = "USD",
                ["participants"] = new JsonArray(),
                ["provisioningContext"] = new JsonObject(),
                ["orderGroup"] = "0",
            });
        }

        return new JsonObject
        {
            ["id"] = cartId,
            ["creationTimestamp"] = Date(now),
            ["lastModifiedTimestamp"] = Date(now),
            ["expirationTimestamp"] = Date(now.AddDays(7)),
            ["lastModifiedUser"] = "admin@contoso-partner.onmicrosoft.com",
            ["status"] = "Active",
            ["lineItems"] = lineItems,
            ["links"] = Links($"/customers/{customerId}/carts/{cartId}", ("checkout", $"/customers/{customerId}/carts/{cartId}/checkout")),
            ["attributes"] = Attributes("Cart"),
        };
    }

    public static JsonObject CheckoutResult(string customerId, DateTimeOffset now, Func<Guid> newId) => new()
    {
        ["orders"] = new JsonArray(Order(customerId, newId().ToString(), "pending", now, newId)),
        ["orderErrors"] = new JsonArray(),
        ["links"] = new JsonObject(),
        ["attributes"] = Attributes("CartCheckoutResult"),
    };
}
