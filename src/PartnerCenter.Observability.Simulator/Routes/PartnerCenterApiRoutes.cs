using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerCenter.Observability.Simulator.Bodies;
using PartnerCenter.Observability.Simulator.Hosting;

namespace PartnerCenter.Observability.Simulator.Routes;

/// <summary>
/// The endpoints the simulator serves under <c>/v1/</c>, with their success bodies: a subset of the Partner Center REST
/// API, mapped on Kestrel. Not the core library's route templates (<c>PartnerCenterRoutes</c>, which name operations for
/// telemetry): this class serves requests and knows nothing of operation names.
/// </summary>
internal static class PartnerCenterApiRoutes
{
    private const string Customer = "/customers/{customerId}";

    public static void Map(IEndpointRouteBuilder app, SimulatorState state)
    {
        var v1 = app.MapGroup("/v1");
        var time = state.TimeProvider;

        // Customers.
        Map(v1, "GET", "/customers", time, r => Ok(r, CustomerBodies.Customers(r.NewId, r.Pick)));
        Map(v1, "GET", Customer, time, r => Ok(r, CustomerBodies.Customer(r.Route("customerId"), r.Pick)));

        // Subscriptions.
        Map(v1, "GET", Customer + "/subscriptions", time, r => Ok(r, CustomerBodies.Subscriptions(r.Route("customerId"), r.NewId, r.Pick, r.Now)));
        Map(v1, "GET", Customer + "/subscriptions/{subscriptionId}", time, r =>
            Ok(r, CustomerBodies.Subscription(r.Route("customerId"), r.Route("subscriptionId"), r.Pick, r.Now)));
        Map(v1, "PATCH", Customer + "/subscriptions/{subscriptionId}", time, r =>
            WithBody(r, 200, body => CustomerBodies.Subscription(r.Route("customerId"), r.Route("subscriptionId"), r.Pick, r.Now, body)));

        // Orders.
        Map(v1, "GET", Customer + "/orders", time, r => Ok(r, CommerceBodies.Orders(r.Route("customerId"), r.NewId, r.Now)));
        Map(v1, "POST", Customer + "/orders", time, r =>
            WithBody(r, 201, body => CommerceBodies.Order(r.Route("customerId"), r.NewId().ToString(), "pending", r.Now, r.NewId, body)));
        Map(v1, "GET", Customer + "/orders/{orderId}", time, r =>
            Ok(r, CommerceBodies.Order(r.Route("customerId"), r.Route("orderId"), "completed", r.Now.AddDays(-3), r.NewId)));

        // Carts and checkout.
        Map(v1, "POST", Customer + "/carts", time, r =>
            WithBody(r, 201, body => CommerceBodies.Cart(r.Route("customerId"), r.NewId().ToString(), r.Now, body)));
        Map(v1, "GET", Customer + "/carts/{cartId}", time, r => Ok(r, CommerceBodies.Cart(r.Route("customerId"), r.Route("cartId"), r.Now)));
        Map(v1, "PUT", Customer + "/carts/{cartId}", time, r =>
            WithBody(r, 200, body => CommerceBodies.Cart(r.Route("customerId"), r.Route("cartId"), r.Now, body)));
        Map(v1, "POST", Customer + "/carts/{cartId}/checkout", time, r => Ok(r, CommerceBodies.CheckoutResult(r.Route("customerId"), r.Now, r.NewId)));

        // Transfers.
        Map(v1, "GET", Customer + "/transfers", time, r => Ok(r, OperationBodies.Transfers(r.Route("customerId"), state.PartnerId, r.NewId, r.Now)));
        Map(v1, "POST", Customer + "/transfers", time, r =>
            WithBody(r, 201, body => OperationBodies.Transfer(r.Route("customerId"), r.NewId().ToString(), state.PartnerId, r.Now, r.NewId, body)));
        Map(v1, "GET", Customer + "/transfers/{transferId}", time, r =>
            Ok(r, OperationBodies.Transfer(r.Route("customerId"), r.Route("transferId"), state.PartnerId, r.Now.AddDays(-1), r.NewId)));

        // Product upgrades: POST answers 202 with the new upgrade's Location.
        Map(v1, "POST", "/productUpgrades", time, AcceptUpgradeAsync);
        Map(v1, "GET", "/productUpgrades/{upgradeId}", time, r =>
            Ok(r, OperationBodies.ProductUpgrade(r.Route("upgradeId"), r.NewId().ToString(), "azure", r.Now.AddMinutes(-10), r.NewId)));

        // Invoices.
        Map(v1, "GET", "/invoices", time, r => Ok(r, OperationBodies.Invoices(r.Now, r.Pick)));
        Map(v1, "GET", "/invoices/{invoiceId}", time, r =>
            Ok(r, OperationBodies.Invoice(r.Route("invoiceId"), new DateTimeOffset(r.Now.Year, r.Now.Month, 1, 0, 0, 0, TimeSpan.Zero), 1_234.56m)));

        // Products, SKUs and availabilities.
        Map(v1, "GET", "/products/{productId}/skus/{skuId}/availabilities", time, r =>
            Ok(r, OperationBodies.Availabilities(r.Route("productId"), r.Route("skuId"), r.Pick)));
    }

    private static void Map(IEndpointRouteBuilder group, string method, string pattern, TimeProvider time, Func<RouteRequest, Task> handler) =>
        group.MapMethods(pattern, [method], (RequestDelegate)(context => handler(new RouteRequest(context, time))));

    private static Task Ok(RouteRequest request, JsonNode body) => request.WriteAsync(StatusCodes.Status200OK, body);

    private static async Task WithBody(RouteRequest request, int statusCode, Func<JsonObject?, JsonNode> create)
    {
        var (ok, body) = await request.ReadBodyAsync().ConfigureAwait(false);
        if (!ok)
        {
            await request.WriteInvalidInputAsync().ConfigureAwait(false);
            return;
        }

        await request.WriteAsync(statusCode, create(body)).ConfigureAwait(false);
    }

    private static async Task AcceptUpgradeAsync(RouteRequest request)
    {
        var (ok, _) = await request.ReadBodyAsync().ConfigureAwait(false);
        if (!ok)
        {
            await request.WriteInvalidInputAsync().ConfigureAwait(false);
            return;
        }

        // Partner Center answers 202 with no body; the Location header names the upgrade to poll.
        var response = request.Context.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.Headers.Location = "/v1/productUpgrades/" + request.NewId().ToString();
        response.ContentLength = 0;
    }
}
