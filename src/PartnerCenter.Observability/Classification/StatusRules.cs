namespace PartnerCenter.Observability.Classification;

/// <summary>The fallback rules by HTTP status, and the keyword rules for uncatalogued 400 and 403 errors (docs/error-categories.md).</summary>
internal static class StatusRules
{
    // Checked in this order; the first keyword found decides.
    private static readonly (string Keyword, PartnerCenterErrorCategory Category)[] Keywords =
    [
        ("eligib", PartnerCenterErrorCategory.Eligibility),
        ("credit", PartnerCenterErrorCategory.Eligibility),
        ("agreement", PartnerCenterErrorCategory.Eligibility),
        ("attestation", PartnerCenterErrorCategory.Eligibility),
        ("under review", PartnerCenterErrorCategory.Eligibility),
        ("not approved", PartnerCenterErrorCategory.Eligibility),
        ("cancellation window", PartnerCenterErrorCategory.Eligibility),
        ("not available in", PartnerCenterErrorCategory.Eligibility),
        ("too many", PartnerCenterErrorCategory.Quota),
        ("limit", PartnerCenterErrorCategory.Quota),
        ("exceed", PartnerCenterErrorCategory.Quota),
        ("quota", PartnerCenterErrorCategory.Quota),
        ("in progress", PartnerCenterErrorCategory.Conflict),
        ("being processed", PartnerCenterErrorCategory.Conflict),
        ("etag", PartnerCenterErrorCategory.Conflict),
        ("privilege", PartnerCenterErrorCategory.Auth),
        ("permission", PartnerCenterErrorCategory.Auth),
        ("role", PartnerCenterErrorCategory.Auth),
        ("token", PartnerCenterErrorCategory.Auth),
        ("unauthori", PartnerCenterErrorCategory.Auth),
        ("access", PartnerCenterErrorCategory.Auth),
        ("relationship", PartnerCenterErrorCategory.Auth),
        ("try again", PartnerCenterErrorCategory.Transient),
    ];

    public static PartnerCenterErrorCategory ByStatus(int statusCode) => statusCode switch
    {
        401 or 403 or 407 => PartnerCenterErrorCategory.Auth,
        404 or 410 => PartnerCenterErrorCategory.NotFound,
        408 or 500 or 502 or 503 or 504 => PartnerCenterErrorCategory.Transient,
        409 or 412 => PartnerCenterErrorCategory.Conflict,
        429 => PartnerCenterErrorCategory.Quota,
        400 or 405 or 406 or 411 or 413 or 414 or 415 or 416 or 417 or 422 => PartnerCenterErrorCategory.Validation,
        _ => PartnerCenterErrorCategory.Unknown,
    };

    /// <summary>Keyword rules apply to uncatalogued 400 and 403 errors only.</summary>
    public static bool TryByKeyword(int statusCode, ReadOnlySpan<char> description, out PartnerCenterErrorCategory category)
    {
        category = PartnerCenterErrorCategory.Unknown;
        if (statusCode is not (400 or 403) || description.IsEmpty)
        {
            return false;
        }

        foreach (var (keyword, match) in Keywords)
        {
            if (description.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                category = match;
                return true;
            }
        }

        return false;
    }
}
