using System.Globalization;
using System.Text.Json.Nodes;
using static PartnerCenter.Observability.Simulator.Bodies.JsonShapes;

namespace PartnerCenter.Observability.Simulator.Bodies;

/// <summary>Transfers, product upgrades, invoices and availabilities.</summary>
internal static class OperationBodies
{
    public static JsonObject Transfer(string customerId, string transferId, string partnerId, DateTimeOffset created, Func<Guid> newId, JsonObject? request = null)
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
                ["subscriptionId"] = Text(item, "subscriptionId", newId().ToString()),
                ["quantity"] = Number(item, "quantity", 10),
                ["billingCycle"] = Text(item, "billingCycle", "Monthly"),
                ["termDuration"] = Text(item, "termDuration", "P1Y"),
                ["friendlyName"] = Text(item, "friendlyName", "Microsoft 365 E3"),
                ["partnerIdOnRecord"] = "1234567",
                ["offerId"] = Text(item, "offerId", "CFQ7TTC0LH18:0001"),
                ["transferGroupId"] = "0",
            });
        }

        return new JsonObject
        {
            ["id"] = transferId,
            ["createdTime"] = Date(created),
            ["lastModifiedTime"] = Date(created),
            ["expirationTime"] = Date(created.AddDays(30)),
            ["customerTenantId"] = customerId,
            ["customerName"] = "Contoso",
            ["sourcePartnerTenantId"] = Text(request, "sourcePartnerTenantId", newId().ToString()),
            ["sourcePartnerName"] = Text(request, "sourcePartnerName", "Fabrikam Partner"),
            ["targetPartnerTenantId"] = partnerId,
            ["targetPartnerName"] = "Contoso Partner",
            ["status"] = "Active",
            ["transferType"] = Text(request, "transferType", "CSP"),
            ["lineItems"] = lineItems,
            ["links"] = Links($"/customers/{customerId}/transfers/{transferId}"),
            ["attributes"] = Attributes("TransferEntity"),
        };
    }

    public static JsonObject Transfers(string customerId, string partnerId, Func<Guid> newId, DateTimeOffset now) =>
        Collection(
            Enumerable.Range(0, 2).Select(i => (JsonNode)Transfer(customerId, newId().ToString(), partnerId, now.AddDays(-i - 1), newId)),
            $"/customers/{customerId}/transfers");

    public static JsonObject ProductUpgrade(string upgradeId, string customerId, string productFamily, DateTimeOffset started, Func<Guid> newId) => new()
    {
        ["id"] = upgradeId,
        ["customerId"] = customerId,
        ["productFamily"] = productFamily,
        ["status"] = "completed",
        ["startTime"] = Date(started),
        ["endTime"] = Date(started.AddMinutes(4)),
        ["lineItems"] = new JsonArray(new JsonObject
        {
            ["sourceProduct"] = new JsonObject { ["id"] = newId().ToString(), ["name"] = "Microsoft Azure", ["productType"] = "Subscription" },
            ["targetProduct"] = new JsonObject { ["id"] = "DZH318Z0BPS6", ["name"] = "Azure plan", ["productType"] = "Subscription" },
            ["upgradedDate"] = Date(started.AddMinutes(4)),
            ["status"] = "completed",
        }),
        ["links"] = Links($"/productUpgrades/{upgradeId}"),
        ["attributes"] = Attributes("ProductUpgradeRequest"),
    };

    public static JsonObject Invoice(string invoiceId, DateTimeOffset date, decimal total) => new()
    {
        ["id"] = invoiceId,
        ["invoiceDate"] = Date(date),
        ["billingPeriodStartDate"] = Date(date.AddMonths(-1)),
        ["billingPeriodEndDate"] = Date(date.AddDays(-1)),
        ["totalCharges"] = total,
        ["paidAmount"] = 0m,
        ["currencyCode"] = "USD",
        ["currencySymbol"] = "$",
        ["pdfDownloadLink"] = $"/invoices/{invoiceId}/documents/statement",
        ["invoiceType"] = "Recurring",
        ["documentType"] = "Invoice",
        ["amendments"] = new JsonArray(),
        ["invoiceDetails"] = new JsonArray(
            Detail(invoiceId, "BillingLineItems", "Office"),
            Detail(invoiceId, "BillingLineItems", "Azure")),
        ["links"] = Links($"/invoices/{invoiceId}"),
        ["attributes"] = Attributes("Invoice"),
    };

    public static JsonObject Invoices(DateTimeOffset now, int pick) =>
        Collection(
            Enumerable.Range(1, 3).Select(i => (JsonNode)Invoice(InvoiceId(pick + i), new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-i), 1_000m + (137.5m * ((pick + i) % 40)))),
            "/invoices");

    public static string InvoiceId(int n) => "G" + (1_000_000_000 + (n % 1_000_000_000)).ToString(CultureInfo.InvariantCulture);

    public static JsonObject Availabilities(string productId, string skuId, int pick) =>
        Collection(
            Enumerable.Range(0, 2).Select(i => (JsonNode)Availability(productId, skuId, (pick + i).ToString("X4", CultureInfo.InvariantCulture).PadLeft(12, '0'))),
            $"/products/{productId}/skus/{skuId}/availabilities?country=US");

    private static JsonObject Availability(string productId, string skuId, string availabilityId) => new()
    {
        ["id"] = availabilityId,
        ["productId"] = productId,
        ["skuId"] = skuId,
        ["catalogItemId"] = $"{productId}:{skuId}:{availabilityId}",
        ["defaultCurrency"] = new JsonObject { ["code"] = "USD", ["symbol"] = "$" },
        ["segment"] = "commercial",
        ["country"] = "US",
        ["isPurchasable"] = true,
        ["isRenewable"] = true,
        ["terms"] = new JsonArray(
            Term("P1Y", "One-Year commitment for monthly/yearly billing", "monthly"),
            Term("P1M", "One-Month commitment for monthly billing", "monthly")),
        ["links"] = Links($"/products/{productId}/skus/{skuId}/availabilities/{availabilityId}?country=US"),
        ["attributes"] = Attributes("Availability"),
    };

    private static JsonObject Term(string duration, string description, string billingCycle) => new()
    {
        ["duration"] = duration,
        ["description"] = description,
        ["billingCycle"] = billingCycle,
        ["cancellationPolicies"] = new JsonArray(new JsonObject { ["refunds"] = new JsonArray(), ["attributes"] = Attributes("CancellationPolicy") }),
    };

    private static JsonObject Detail(string invoiceId, string type, string provider) => new()
    {
        ["invoiceLineItemType"] = type,
        ["billingProvider"] = provider,
        ["links"] = Links($"/invoices/{invoiceId}/lineitems/{provider}/{type}"),
        ["attributes"] = Attributes("InvoiceDetail"),
    };
}
