namespace PartnerCenter.Observability;

/// <summary>Which rule decided the category, in the classifier's order of precedence.</summary>
public enum PartnerCenterClassificationSource
{
    /// <summary>Not an error: the status is below 400.</summary>
    NotAnError = 0,

    /// <summary>A user override (code → category) from <see cref="PartnerCenterClassificationOptions.CategoryOverrides"/>.</summary>
    Override,

    /// <summary>The (HTTP status, error code) pair is catalogued.</summary>
    CatalogStatusAndCode,

    /// <summary>The error code is catalogued, under another HTTP status.</summary>
    CatalogCode,

    /// <summary>The description matched a catalogued template.</summary>
    DescriptionTemplate,

    /// <summary>The fallback rules on the description of an uncataloged 400, 403 or 422 error (docs/error-categories.md).</summary>
    StatusKeyword,

    /// <summary>The HTTP status alone.</summary>
    Status,

    /// <summary>Nothing matched, or the fallback was not sure enough to name a category.</summary>
    None,

    /// <summary>An OAuth 2.0 / Microsoft Entra error body (<c>error</c>, <c>error_description</c>): its <c>error</c> names an identity failure (docs/error-categories.md).</summary>
    OAuthError,
}
