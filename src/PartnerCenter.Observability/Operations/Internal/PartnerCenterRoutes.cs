namespace PartnerCenter.Observability.Operations;

/// <summary>
/// The route templates of the Partner Center REST API that name operations. Placeholders are snake_case; literal
/// words keep the casing of Microsoft's REST reference (<c>/v1/productUpgrades</c>), which is the casing of the
/// operation name whatever the casing of the request (matching ignores case).
/// </summary>
internal static class PartnerCenterRoutes
{
    public static readonly string[] Templates =
    [
        // Customers
        "/v1/customers",
        "/v1/customers/{customer_id}",
        "/v1/customers/{customer_id}/profiles/billing",
        "/v1/customers/{customer_id}/profiles/company",
        "/v1/customers/{customer_id}/qualifications",
        "/v1/customers/{customer_id}/agreements",
        "/v1/customers/{customer_id}/servicecosts/{billing_period}",
        "/v1/customers/{customer_id}/subscribedskus",
        "/v1/customers/{customer_id}/azureentitlements",

        // Subscriptions
        "/v1/customers/{customer_id}/subscriptions",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/addons",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/upgrades",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/provisioningstatus",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/registrations",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/registrationstatus",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/activationlinks",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/conversions",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/transitions",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/transitioneligibilities",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/utilizations/azure",
        "/v1/customers/{customer_id}/subscriptions/{subscription_id}/usagerecords",

        // New-Commerce migrations
        "/v1/customers/{customer_id}/migrations/newcommerce",
        "/v1/customers/{customer_id}/migrations/newcommerce/validate",
        "/v1/customers/{customer_id}/migrations/newcommerce/{migration_id}",
        "/v1/customers/{customer_id}/migrations/newcommerce/{migration_id}/events",

        // Orders
        "/v1/customers/{customer_id}/orders",
        "/v1/customers/{customer_id}/orders/{order_id}",
        "/v1/customers/{customer_id}/orders/{order_id}/provisioningstatus",
        "/v1/customers/{customer_id}/orders/{order_id}/lineitems/{line_item_number}/activationlinks",

        // Carts and checkout
        "/v1/customers/{customer_id}/carts",
        "/v1/customers/{customer_id}/carts/{cart_id}",
        "/v1/customers/{customer_id}/carts/{cart_id}/checkout",

        // Transfers
        "/v1/customers/{customer_id}/transfers",
        "/v1/customers/{customer_id}/transfers/{transfer_id}",
        "/v1/customers/{customer_id}/transfers/{transfer_id}/accept",
        "/v1/customers/{customer_id}/transfers/{transfer_id}/validate",

        // Product upgrades
        "/v1/productUpgrades",
        "/v1/productUpgrades/eligibility",
        "/v1/productUpgrades/{upgrade_id}",
        "/v1/productUpgrades/{upgrade_id}/status",

        // Invoices and billing
        "/v1/invoices",
        "/v1/invoices/{invoice_id}",
        "/v1/invoices/{invoice_id}/lineitems",
        "/v1/invoices/{invoice_id}/lineitems/{provider}/{line_item_type}",
        "/v1/invoices/{invoice_id}/documents/statement",
        "/v1/invoices/estimates/links",
        "/v1/invoices/unbilled/lineitems",
        "/v1/invoices/billed/lineitems",

        // Products, SKUs and availabilities
        "/v1/products",
        "/v1/products/{product_id}",
        "/v1/products/{product_id}/skus",
        "/v1/products/{product_id}/skus/{sku_id}",
        "/v1/products/{product_id}/skus/{sku_id}/availabilities",
        "/v1/products/{product_id}/skus/{sku_id}/availabilities/{availability_id}",
        "/v1/customers/{customer_id}/products",
        "/v1/customers/{customer_id}/products/{product_id}",
        "/v1/customers/{customer_id}/products/{product_id}/skus",
        "/v1/customers/{customer_id}/products/{product_id}/skus/{sku_id}",
        "/v1/customers/{customer_id}/products/{product_id}/skus/{sku_id}/availabilities",
        "/v1/offers",
        "/v1/offers/{offer_id}",
        "/v1/offers/{offer_id}/addons",

        // Users and licenses
        "/v1/customers/{customer_id}/users",
        "/v1/customers/{customer_id}/users/{user_id}",
        "/v1/customers/{customer_id}/users/{user_id}/licenses",
        "/v1/customers/{customer_id}/users/{user_id}/licenseupdates",
        "/v1/customers/{customer_id}/users/{user_id}/directoryroles",
        "/v1/customers/{customer_id}/users/{user_id}/resetpassword",
        "/v1/customers/{customer_id}/directoryroles",
        "/v1/customers/{customer_id}/directoryroles/{role_id}/usermembers",

        // Relationships
        "/v1/relationships",
        "/v1/customers/{customer_id}/relationships",
        "/v1/customers/relationshiprequests",
        "/v1/customers/{customer_id}/adminrelationships",
    ];
}
