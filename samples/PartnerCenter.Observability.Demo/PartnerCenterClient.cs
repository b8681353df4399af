using System.Net.Http.Json;
using System.Text;

namespace PartnerCenter.Observability.Demo;

/// <summary>A typed Partner Center client, as an app would write one: plain HttpClient calls, nothing telemetry-specific.</summary>
internal sealed class PartnerCenterClient(HttpClient http)
{
    public Task<HttpResponseMessage> ListCustomersAsync(CancellationToken ct) => http.GetAsync(new Uri("v1/customers", UriKind.Relative), ct);

    public Task<HttpResponseMessage> GetCustomerAsync(Guid customer, CancellationToken ct) => http.GetAsync(new Uri($"v1/customers/{customer}", UriKind.Relative), ct);

    public Task<HttpResponseMessage> ListSubscriptionsAsync(Guid customer, CancellationToken ct) => http.GetAsync(new Uri($"v1/customers/{customer}/subscriptions", UriKind.Relative), ct);

    public Task<HttpResponseMessage> GetSubscriptionAsync(Guid customer, Guid subscription, CancellationToken ct) =>
        http.GetAsync(new Uri($"v1/customers/{customer}/subscriptions/{subscription}", UriKind.Relative), ct);

    public Task<HttpResponseMessage> UpdateSubscriptionAsync(Guid customer, Guid subscription, int quantity, CancellationToken ct) =>
        http.PatchAsync(new Uri($"v1/customers/{customer}/subscriptions/{subscription}", UriKind.Relative), JsonContent.Create(new { quantity }), ct);

    public Task<HttpResponseMessage> CreateOrderAsync(Guid customer, string offerId, int quantity, CancellationToken ct) =>
        http.PostAsync(new Uri($"v1/customers/{customer}/orders", UriKind.Relative), JsonContent.Create(new { lineItems = new[] { new { lineItemNumber = 0, offerId, quantity } } }), ct);

    public Task<HttpResponseMessage> CreateCartAsync(Guid customer, CancellationToken ct) =>
        http.PostAsync(new Uri($"v1/customers/{customer}/carts", UriKind.Relative), JsonContent.Create(new { lineItems = Array.Empty<object>() }), ct);

    public Task<HttpResponseMessage> CheckoutAsync(Guid customer, Guid cart, CancellationToken ct) =>
        http.PostAsync(new Uri($"v1/customers/{customer}/carts/{cart}/checkout", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"), ct);

    public Task<HttpResponseMessage> ListTransfersAsync(Guid customer, CancellationToken ct) => http.GetAsync(new Uri($"v1/customers/{customer}/transfers", UriKind.Relative), ct);

    public Task<HttpResponseMessage> CreateProductUpgradeAsync(Guid customer, CancellationToken ct) =>
        http.PostAsync(new Uri("v1/productUpgrades", UriKind.Relative), JsonContent.Create(new { customerId = customer, productFamily = "azure" }), ct);

    public Task<HttpResponseMessage> ListInvoicesAsync(CancellationToken ct) => http.GetAsync(new Uri("v1/invoices", UriKind.Relative), ct);
}
