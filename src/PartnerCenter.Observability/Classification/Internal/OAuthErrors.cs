namespace PartnerCenter.Observability.Classification;

/// <summary>
/// The category of an OAuth 2.0 / Microsoft Entra error body (<c>{"error":"invalid_grant","error_description":"AADSTS..."}</c>),
/// decided by its <c>error</c> from an allowlist (docs/error-categories.md, "OAuth and Entra error bodies").
/// </summary>
/// <remarks>
/// Such a body comes from the identity platform: the token or authorization endpoint, or a resource rejecting a token.
/// Every error those specifications define for a request the caller can fix is about who the caller is, how it signs
/// in or what it was granted, so it is <c>auth</c>, even <c>invalid_request</c>: at the token endpoint it means a token
/// request the app's identity setup makes wrongly (AADSTS90002 unknown tenant, AADSTS900144 or AADSTS7000218 a missing
/// parameter or secret), which the owner of the credentials fixes, not the owner of the Partner Center call. The
/// identity platform's own failures (<c>server_error</c>, <c>temporarily_unavailable</c>) are transient only at a status
/// that is (5xx); at a 4xx they are unknown, never retryable. An <c>error</c> outside the lists is auth when the
/// description carries an Entra error number (AADSTS), and otherwise decides nothing.
/// </remarks>
internal static class OAuthErrors
{
    // RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, RFC 8628 §3.5, OpenID Connect Core 1.0 §3.1.2.6, and Microsoft Entra's
    // invalid_resource. Compared ignoring case. Properties, built only for the rare OAuth body.
    private static string[] AuthErrors =>
    [
        "invalid_request",
        "invalid_client",
        "invalid_grant",
        "unauthorized_client",
        "unsupported_grant_type",
        "unsupported_response_type",
        "invalid_scope",
        "invalid_resource",
        "access_denied",
        "invalid_token",
        "insufficient_scope",
        "interaction_required",
        "login_required",
        "consent_required",
        "account_selection_required",
        "invalid_request_uri",
        "invalid_request_object",
        "expired_token",
        "authorization_pending",
        "slow_down",
    ];

    private static string[] ServiceErrors => ["server_error", "temporarily_unavailable"];

    /// <summary>The category an OAuth error body's <c>error</c> gives.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="error">The body's <c>error</c> string.</param>
    /// <param name="description">The body's <c>error_description</c>, or <see langword="null"/>.</param>
    /// <param name="category">The category: auth, or transient at a transient status, or unknown.</param>
    /// <returns><see langword="true"/> when the <c>error</c> decides; otherwise the body is read as any other.</returns>
    public static bool TryClassify(int statusCode, ReadOnlySpan<char> error, ReadOnlySpan<char> description, out PartnerCenterErrorCategory category)
    {
        error = error.Trim();
        if (Contains(AuthErrors, error))
        {
            category = PartnerCenterErrorCategory.Auth;
            return true;
        }

        if (Contains(ServiceErrors, error))
        {
            category = StatusRules.ByStatus(statusCode) == PartnerCenterErrorCategory.Transient ? PartnerCenterErrorCategory.Transient : PartnerCenterErrorCategory.Unknown;
            return true;
        }

        category = description.Contains("AADSTS", StringComparison.OrdinalIgnoreCase) ? PartnerCenterErrorCategory.Auth : PartnerCenterErrorCategory.Unknown;
        return category != PartnerCenterErrorCategory.Unknown;
    }

    private static bool Contains(string[] values, ReadOnlySpan<char> error)
    {
        foreach (var value in values)
        {
            if (error.Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
