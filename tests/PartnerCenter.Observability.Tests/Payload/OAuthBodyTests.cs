using System.Text;
using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>
/// OAuth 2.0 / Microsoft Entra error bodies (RFC 6749 §5.2): <c>error</c> as a string, <c>error_description</c>,
/// <c>error_codes</c>. Before, such a body was "not a Partner Center error object" and a 400 fell back to validation,
/// paging the owner of the request for a credentials problem (docs/error-categories.md, "OAuth and Entra error bodies").
/// </summary>
public sealed class OAuthBodyTests
{
    private const string Json = "application/json";

    /// <summary>
    /// A body as the token endpoint sends it, in the shape of the one quoted in microsoft/PartnerCenterPowerShellModule
    /// issues 53 and 84 (ids replaced).
    /// </summary>
    private static string Body(string error, string description, int number) =>
        $$"""{"error":"{{error}}","error_description":"{{description}}\r\nTrace ID: 5c1fe98f-116a-4a2a-b832-28d44fcb0300\r\nCorrelation ID: f53bfd54-c805-4b27-bcd8-664faf89f556\r\nTimestamp: 2018-03-23 10:54:27Z","error_codes":[{{number}}],"timestamp":"2018-03-23 10:54:27Z","trace_id":"5c1fe98f-116a-4a2a-b832-28d44fcb0300","correlation_id":"f53bfd54-c805-4b27-bcd8-664faf89f556"}""";

    public static TheoryData<int, string, string, int> IdentityFailures => new()
    {
        { 400, "invalid_grant", "AADSTS70002: Error validating credentials. AADSTS50126: Invalid username or password", 70002 },
        { 400, "invalid_grant", "AADSTS65001: The user or administrator has not consented to use the application.", 65001 },
        { 400, "consent_required", "AADSTS65001: The user or administrator has not consented to use the application.", 65001 },
        { 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.", 7000215 },
        { 400, "unauthorized_client", "AADSTS700016: Application with identifier 'x' was not found in the directory 'contoso'.", 700016 },
        { 400, "interaction_required", "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.", 50076 },
        { 400, "interaction_required", "AADSTS53003: Access has been blocked by Conditional Access policies.", 53003 },
        { 400, "invalid_resource", "AADSTS500011: The resource principal named https://api.partnercenter.microsoft.com was not found in the tenant.", 500011 },
        { 400, "invalid_request", "AADSTS90002: Tenant 'contoso.example' not found.", 90002 },
        { 400, "invalid_request", "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", 7000218 },
        { 400, "invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid.", 70011 },
        { 403, "access_denied", "The user denied the request.", 0 },
        { 400, "INVALID_GRANT", "AADSTS700082: The refresh token has expired due to inactivity.", 700082 },
    };

    [Theory]
    [MemberData(nameof(IdentityFailures))]
    public void An_identity_failure_is_auth_and_never_retryable(int status, string error, string description, int number)
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(status, Encoding.UTF8.GetBytes(Body(error, description, number)), Json);

        Assert.Equal(PartnerCenterErrorCategory.Auth, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.OAuthError, result.Source);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, result.Payload);
        Assert.False(result.IsRetryable);
        Assert.Null(result.Code);
    }

    [Fact]
    public void The_error_decides_at_every_status_the_pins_leave_open_and_never_makes_a_4xx_retryable()
    {
        var body = Encoding.UTF8.GetBytes(Body("invalid_grant", "AADSTS50173: The provided grant has expired.", 50173));
        for (var status = 400; status < 600; status++)
        {
            var result = PartnerCenterErrorClassifier.Default.Classify(status, body, Json);
            var expected = status switch
            {
                409 => PartnerCenterErrorCategory.Conflict,
                429 => PartnerCenterErrorCategory.Quota,
                _ => PartnerCenterErrorCategory.Auth,
            };
            Assert.True(expected == result.Category, $"{status}: {result}");
            Assert.True(result.IsRetryable == (status == 429), $"{status}: retryable {result.IsRetryable}");
        }
    }

    [Theory]
    [InlineData(503, PartnerCenterErrorCategory.Transient, true)]
    [InlineData(500, PartnerCenterErrorCategory.Transient, true)]
    [InlineData(400, PartnerCenterErrorCategory.Unknown, false)]
    public void The_identity_platforms_own_failure_is_transient_only_at_a_transient_status(int status, PartnerCenterErrorCategory category, bool retryable)
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(status, Encoding.UTF8.GetBytes(Body("temporarily_unavailable", "AADSTS90033: A transient error has occurred.", 90033)), Json);

        Assert.Equal(category, result.Category);
        Assert.Equal(retryable, result.IsRetryable);
    }

    [Fact]
    public void An_error_outside_the_lists_is_auth_only_with_an_Entra_error_number()
    {
        var entra = PartnerCenterErrorClassifier.Default.Classify(400, Encoding.UTF8.GetBytes(Body("some_new_error", "AADSTS9999999: Something new.", 9999999)), Json);
        Assert.Equal(PartnerCenterErrorCategory.Auth, entra.Category);

        // Not an identity error: the body is read as any other, its description by the fallback.
        var other = PartnerCenterErrorClassifier.Default.Classify(400, """{"error":"quota_exceeded","error_description":"You have reached the maximum number of seats for this subscription."}"""u8, Json);
        Assert.NotEqual(PartnerCenterClassificationSource.OAuthError, other.Source);
        Assert.NotEqual(PartnerCenterErrorCategory.Auth, other.Category);
    }

    [Fact]
    public void An_error_object_is_still_the_nested_Partner_Center_shape()
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(400, """{"error":{"code":"800002","message":"Invalid request input"}}"""u8, Json);

        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, result.Source);
        Assert.Equal(PartnerCenterErrorCategory.Validation, result.Category);
    }

    [Fact]
    public void The_ids_of_the_description_do_not_reach_the_telemetry_description()
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(400, Encoding.UTF8.GetBytes(Body("invalid_grant", "AADSTS65001: The user or administrator has not consented to use the application.", 65001)), Json);

        Assert.NotNull(result.Description);
        Assert.DoesNotContain("5c1fe98f-116a-4a2a-b832-28d44fcb0300", result.Description, StringComparison.Ordinal);
    }

    /// <summary>Every error of the auth list (RFC 6749, RFC 6750, RFC 8628, OpenID Connect Core, Entra), by name.</summary>
    public static TheoryData<string> AuthErrorNames => new()
    {
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
        "unsupported_response_type", "invalid_scope", "invalid_resource", "access_denied", "invalid_token",
        "insufficient_scope", "interaction_required", "login_required", "consent_required", "account_selection_required",
        "invalid_request_uri", "invalid_request_object", "expired_token", "authorization_pending", "slow_down",
    };

    [Theory]
    [MemberData(nameof(AuthErrorNames))]
    public void Each_listed_error_is_auth_by_its_name_alone(string error)
    {
        // No Entra error number in the description: only the list can make it auth.
        var body = Encoding.UTF8.GetBytes($$"""{"error":"{{error}}","error_description":"The request was rejected."}""");
        var result = PartnerCenterErrorClassifier.Default.Classify(400, body, Json);

        Assert.Equal(PartnerCenterErrorCategory.Auth, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.OAuthError, result.Source);
        Assert.False(result.IsRetryable);
    }

    [Theory]
    [InlineData("server_error", 503, PartnerCenterErrorCategory.Transient, true)]
    [InlineData("server_error", 500, PartnerCenterErrorCategory.Transient, true)]
    [InlineData("server_error", 400, PartnerCenterErrorCategory.Unknown, false)]
    [InlineData("temporarily_unavailable", 502, PartnerCenterErrorCategory.Transient, true)]
    [InlineData("temporarily_unavailable", 403, PartnerCenterErrorCategory.Unknown, false)]
    public void Each_service_error_decides_by_its_name_alone(string error, int status, PartnerCenterErrorCategory category, bool retryable)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"error":"{{error}}","error_description":"The request was rejected."}""");
        var result = PartnerCenterErrorClassifier.Default.Classify(status, body, Json);

        Assert.Equal(category, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.OAuthError, result.Source);
        Assert.Equal(retryable, result.IsRetryable);
    }

    [Theory]
    [InlineData("invalid_requests")]
    [InlineData("server_errors")]
    [InlineData("invalid")]
    [InlineData("error")]
    public void A_name_near_a_listed_one_decides_nothing(string error)
    {
        var decided = OAuthErrors.TryClassify(400, error, "The request was rejected.", out var category);

        Assert.False(decided);
        Assert.Equal(PartnerCenterErrorCategory.Unknown, category);
    }
}
