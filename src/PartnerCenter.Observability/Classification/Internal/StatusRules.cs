namespace PartnerCenter.Observability.Classification;

/// <summary>The last fallback: the category an HTTP status implies on its own (docs/error-categories.md).</summary>
internal static class StatusRules
{
    public static PartnerCenterErrorCategory ByStatus(int statusCode) => statusCode switch
    {
        401 or 403 or 407 => PartnerCenterErrorCategory.Auth,
        404 or 410 => PartnerCenterErrorCategory.NotFound,
        408 or 500 or 502 or 503 or 504 => PartnerCenterErrorCategory.Transient,
        409 or 412 or 423 => PartnerCenterErrorCategory.Conflict,
        429 => PartnerCenterErrorCategory.Quota,
        400 or 405 or 406 or 411 or 413 or 414 or 415 or 416 or 417 or 422 or 501 => PartnerCenterErrorCategory.Validation,
        _ => PartnerCenterErrorCategory.Unknown,
    };
}
