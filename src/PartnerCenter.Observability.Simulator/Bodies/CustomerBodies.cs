using System.Text.Json.Nodes;
using static PartnerCenter.Observability.Simulator.Bodies.JsonShapes;

namespace PartnerCenter.Observability.Simulator.Bodies;

/// <summary>Customers (<c>/v1/customers</c>) and their subscriptions (<c>/v1/customers/{id}/subscriptions</c>).</summary>
internal static class CustomerBodies
{
    private static readonly string[] Companies = ["Contoso", "Fabrikam", "Northwind Traders", "Adventure Works", "Tailspin Toys", "Wingtip Toys"];

    private static readonly (string OfferId, string Name)[] Offers =
    [
        ("CFQ7TTC0LF8Q:0001:CFQ7TTC0K5GG", "Microsoft 365 Business Premium"),
        ("CFQ7TTC0LH18:0001:CFQ7TTC0KQ8W", "Microsoft 365 E3"),
        ("CFQ7TTC0LHSF:0001:CFQ7TTC0JWMS", "Exchange Online (Plan 1)"),
        ("CFQ7TTC0LFLZ:0001:CFQ7TTC0K59S", "Office 365 E3"),
    ];

    public static JsonObject Customer(string customerId, int pick)
    {
        var company = Companies[pick % Companies.Length];
        var domain = company.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant() + ".onmicrosoft.com";
        return new JsonObject
        {
            ["id"] = customerId,
            ["commerceId"] = customerId,
            ["companyProfile"] = new JsonObject
            {
                ["tenantId"] = customerId,
                ["domain"] = domain,
                ["companyName"] = company,
                ["links"] = Links($"/customers/{customerId}/profiles/company"),
                ["attributes"] = Attributes("CustomerCompanyProfile"),
            },
            ["billingProfile"] = new JsonObject
            {
                ["id"] = customerId,
                ["firstName"] = "Alex",
                ["lastName"] = "Wilber",
                ["email"] = "alexw@" + domain,
                ["culture"] = "en-US",
                ["language"] = "en",
                ["companyName"] = company,
                ["defaultAddress"] = new JsonObject
                {
                    ["country"] = "US",
                    ["city"] = "Redmond",
                    ["state"] = "WA",
                    ["addressLine1"] = "1 Microsoft Way",
                    ["postalCode"] = "98052",
                },
                ["links"] = Links($"/customers/{customerId}/profiles/billing"),
                ["attributes"] = Attributes("CustomerBillingProfile"),
            },
            ["relationshipToPartner"] = "reseller",
            ["allowDelegatedAccess"] = true,
            ["customDomains"] = new JsonArray(),
            ["links"] = Links($"/customers/{customerId}"),
            ["attributes"] = Attributes("Customer"),
        };
    }

    public static JsonObject Customers(Func<Guid> newId, int pick) =>
        Collection(Enumerable.Range(0, 3).Select(i => (JsonNode)Customer(newId().ToString(), pick + i)), "/customers?size=200");

    public static JsonObject Subscription(string customerId, string subscriptionId, int pick, DateTimeOffset now, JsonObject? update = null)
    {
        var (offerId, offerName) = Offers[pick % Offers.Length];
        var created = now.AddDays(-40 - (pick % 300));
        var productId = offerId[..12];
        return new JsonObject
        {
            ["id"] = subscriptionId,
            ["entitlementId"] = subscriptionId,
            ["offerId"] = offerId,
            ["offerName"] = offerName,
            ["friendlyName"] = Text(update, "friendlyName", offerName),
            ["quantity"] = Number(update, "quantity", 5 + (pick % 45)),
            ["unitType"] = "Licenses",
            ["hasPurchasableAddons"] = false,
            ["creationDate"] = Date(created),
            ["effectiveStartDate"] = Date(created),
            ["commitmentEndDate"] = Date(created.AddYears(1)),
            ["status"] = Text(update, "status", "active"),
            ["autoRenewEnabled"] = Flag(update, "autoRenewEnabled", true),
            ["isTrial"] = false,
            ["billingType"] = "license",
            ["billingCycle"] = Text(update, "billingCycle", "monthly"),
            ["termDuration"] = Text(update, "termDuration", "P1Y"),
            ["contractType"] = "subscription",
            ["orderId"] = OrderIdOf(subscriptionId),
            ["links"] = Links(
                $"/customers/{customerId}/subscriptions/{subscriptionId}",
                ("product", $"/products/{productId}?country=US"),
                ("sku", $"/products/{productId}/skus/0001?country=US"),
                ("availability", $"/products/{productId}/skus/0001/availabilities/{offerId[18..]}?country=US")),
            ["publisherName"] = "Microsoft Corporation",
            ["attributes"] = Attributes("Subscription"),
        };
    }

    /// <summary>The order a subscription came from: a stable id derived from the subscription id.</summary>
    private static string OrderIdOf(string subscriptionId)
    {
        return subscriptionId.Length >= 36 ? string.Concat(subscriptionId.AsSpan(24, 12), subscriptionId.AsSpan(9, 4), subscriptionId.AsSpan(0, 8)) : subscriptionId + "-order";
    }

    public static JsonObject Subscriptions(string customerId, Func<Guid> newId, int pick, DateTimeOffset now) =>
        Collection(
            Enumerable.Range(0, 3).Select(i => (JsonNode)Subscription(customerId, newId().ToString(), pick + i, now)),
            $"/customers/{customerId}/subscriptions");
}
