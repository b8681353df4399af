using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// A test set of responses written from the category rules of docs/error-categories.md (none is a reference-file row),
/// each with the category and retryability the rules give it. Measures agreement; a 4xx other than 408/429 made
/// retryable without the server saying so fails outright. A 400 whose text reads like a transient error or says too
/// little is <c>unknown</c>: the fallback does not guess <c>validation</c> from the status (docs/error-categories.md).
/// </summary>
public sealed class AgreementTests(ITestOutputHelper output)
{
    private const string Json = "application/json";

    private static readonly (int Status, string? ContentType, string Body, PartnerCenterErrorCategory Category, bool Retryable)[] Cases =
    [
        (400, Json, Canonical(987101, "The customer's tenant is suspended; reactivate it first."), PartnerCenterErrorCategory.Eligibility, false),
        (403, Json, Canonical(987102, "Offer XYZ is not available in Brazil."), PartnerCenterErrorCategory.Eligibility, false),
        (400, Json, Canonical(987103, "The plan is not supported for education customers."), PartnerCenterErrorCategory.Eligibility, false),
        (400, Json, Canonical(987104, "Trial subscriptions cannot be converted after they have expired."), PartnerCenterErrorCategory.Eligibility, false),
        (403, Json, Canonical(987105, "The partner has not accepted the latest Microsoft Partner Agreement."), PartnerCenterErrorCategory.Eligibility, false),
        (400, Json, Canonical(987106, "The customer has insufficient credit for this purchase. Update the order, and then try again."), PartnerCenterErrorCategory.Eligibility, false),
        (400, Json, Canonical(987107, "You can add at most 300 seats to this subscription."), PartnerCenterErrorCategory.Quota, false),
        (403, Json, Canonical(987108, "The maximum number of Azure plans per customer has been reached."), PartnerCenterErrorCategory.Quota, false),
        (400, Json, Canonical(987109, "License count limit exceeded for this SKU."), PartnerCenterErrorCategory.Quota, false),
        (429, Json, """{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 12 seconds."}""", PartnerCenterErrorCategory.Quota, true),
        (403, Json, Canonical(987111, "The signed-in user does not have the Admin Agent role."), PartnerCenterErrorCategory.Auth, false),
        (401, Json, """{"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired."}}""", PartnerCenterErrorCategory.Auth, false),
        (403, Json, Canonical(987113, "App-only authentication is not supported for this call; use app+user."), PartnerCenterErrorCategory.Auth, false),
        (403, Json, Canonical(987114, "No delegated admin relationship exists with this customer."), PartnerCenterErrorCategory.Auth, false),
        (400, Json, Canonical(987115, "The refresh token has been revoked."), PartnerCenterErrorCategory.Auth, false),
        (400, Json, Canonical(987116, "Another order for this customer is in progress, and then try again."), PartnerCenterErrorCategory.Conflict, false),
        (409, Json, Canonical(987117, "The cart was modified by another request. Try again later."), PartnerCenterErrorCategory.Conflict, false),
        (412, Json, Canonical(987118, "ETag mismatch."), PartnerCenterErrorCategory.Conflict, false),
        (400, Json, Canonical(987119, "The request body is malformed: unexpected token at line 1."), PartnerCenterErrorCategory.Validation, false),
        (400, Json, Canonical(987120, "Quantity must be a positive number."), PartnerCenterErrorCategory.Validation, false),
        (422, Json, Canonical(987121, "Field 'billingCycle' is required."), PartnerCenterErrorCategory.Validation, false),
        (404, Json, Canonical(987122, "Customer not found."), PartnerCenterErrorCategory.NotFound, false),
        (500, Json, Canonical(987123, "Unexpected failure, try again later."), PartnerCenterErrorCategory.Transient, true),
        (503, Json, "", PartnerCenterErrorCategory.Transient, true),
        (502, "text/html", "<html><body>Bad gateway</body></html>", PartnerCenterErrorCategory.Transient, true),
        (503, Json, """{"code": 987126, "description": "Maintenance.", "isRetryable": false}""", PartnerCenterErrorCategory.Transient, false),
        (400, Json, """{"code": 987127, "description": "Temporary lock on the resource.", "isRetryable": true}""", PartnerCenterErrorCategory.Unknown, true),
        (400, Json, Canonical(987128, "Service is temporarily unavailable, please try again later."), PartnerCenterErrorCategory.Unknown, false),
        (403, Json, Canonical(987129, "We are sorry, you ran out of licences for this product. Buy more and then try again."), PartnerCenterErrorCategory.Quota, false),
        (400, Json, """{"code": 987130, "description": "Request failed.", "data": ["SubscriptionSuspendedException : subscription 1"]}""", PartnerCenterErrorCategory.Eligibility, false),
        (400, Json, """{"code": 987131, "description": "Cannot complete the request.", "errorName": "QuotaExceeded"}""", PartnerCenterErrorCategory.Quota, false),
        (409, Json, Canonical(987132, "Order already exists."), PartnerCenterErrorCategory.Conflict, false),
        (400, Json, Canonical(800067, "x"), PartnerCenterErrorCategory.Quota, false),
        (400, Json, Canonical(800003, "Unexpected service error"), PartnerCenterErrorCategory.Unknown, false),
        (400, Json, """{"description": "Etag is no longer valid"}""", PartnerCenterErrorCategory.Conflict, false),
        (403, Json, Canonical(987136, "Blocked by Conditional Access policy."), PartnerCenterErrorCategory.Auth, false),
        (400, Json, Canonical(987137, "The subscription is not active."), PartnerCenterErrorCategory.Eligibility, false),
        (400, Json, Canonical(987138, "Customer ID must be a GUID."), PartnerCenterErrorCategory.Validation, false),
        (403, Json, Canonical(987139, "Partner account is under review."), PartnerCenterErrorCategory.Eligibility, false),
        (501, Json, Canonical(987140, "Not implemented."), PartnerCenterErrorCategory.Validation, false),
    ];

    [Fact]
    public void The_rules_agree_with_the_test_set()
    {
        var agreed = 0;
        foreach (var (status, contentType, body, category, retryable) in Cases)
        {
            var result = PartnerCenterErrorClassifier.Default.Classify(status, Encoding.UTF8.GetBytes(body), contentType);
            var ok = result.Category == category && result.IsRetryable == retryable;
            agreed += ok ? 1 : 0;
            if (!ok)
            {
                output.WriteLine($"disagrees: {status} {body} -> {result.Category.ToTagValue()} retryable {result.IsRetryable} ({result.Reason}); expected {category.ToTagValue()} {retryable}");
            }

            var serverSaidRetry = body.Contains("\"isRetryable\": true", StringComparison.Ordinal);
            Assert.False(status is >= 400 and < 500 and not 408 and not 429 && result.IsRetryable && !serverSaidRetry, $"{status} {body} is retryable");
        }

        var agreement = (double)agreed / Cases.Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"agreement {agreed}/{Cases.Length} = {agreement:P0}"));
        Assert.Equal(40, Cases.Length);
        Assert.True(agreement >= 0.95, string.Create(CultureInfo.InvariantCulture, $"agreement {agreed}/{Cases.Length}"));
    }

    private static string Canonical(int code, string description) =>
        $$"""{"code": {{code}}, "description": "{{description}}", "data": [], "source": "PartnerFD"}""";
}
