namespace PartnerCenter.Observability;

/// <summary>
/// What kind of failure a Partner Center response is. The tag value of each member is its snake_case name
/// (see <see cref="PartnerCenterErrorCategoryExtensions.ToTagValue"/>); the rules are in docs/error-categories.md.
/// </summary>
public enum PartnerCenterErrorCategory
{
    /// <summary>Nothing matched, or the body could not be read. Tag value <c>unknown</c>.</summary>
    Unknown = 0,

    /// <summary>Who the caller is or what it may do: 401, roles, privileges, tokens, conditional access, a missing partner–customer relationship. Tag value <c>auth</c>.</summary>
    Auth,

    /// <summary>Rate and count limits: 429, seat/subscription/asset/plan count limits, sandbox and use limits. Tag value <c>quota</c>.</summary>
    Quota,

    /// <summary>The partner, customer, offer or subscription state forbids the transaction. Tag value <c>eligibility</c>.</summary>
    Eligibility,

    /// <summary>May succeed if retried unchanged: 408, 500, 502, 503, 504, network failures, timeouts, "try again later". Tag value <c>transient</c>.</summary>
    Transient,

    /// <summary>The request itself is wrong (400 input errors). Tag value <c>validation</c>.</summary>
    Validation,

    /// <summary>The resource does not exist (404). Tag value <c>not_found</c>.</summary>
    NotFound,

    /// <summary>Concurrent or stale state: 409, 412, "in progress", a stale ETag. Tag value <c>conflict</c>.</summary>
    Conflict,
}

/// <summary>Tag values for <see cref="PartnerCenterErrorCategory"/>.</summary>
public static class PartnerCenterErrorCategoryExtensions
{
    /// <summary>The snake_case tag value of the category: <c>auth</c>, <c>quota</c>, <c>eligibility</c>, <c>transient</c>, <c>validation</c>, <c>not_found</c>, <c>conflict</c> or <c>unknown</c>.</summary>
    /// <param name="category">The category.</param>
    /// <returns>A constant string; never allocates.</returns>
    public static string ToTagValue(this PartnerCenterErrorCategory category) => category switch
    {
        PartnerCenterErrorCategory.Auth => "auth",
        PartnerCenterErrorCategory.Quota => "quota",
        PartnerCenterErrorCategory.Eligibility => "eligibility",
        PartnerCenterErrorCategory.Transient => "transient",
        PartnerCenterErrorCategory.Validation => "validation",
        PartnerCenterErrorCategory.NotFound => "not_found",
        PartnerCenterErrorCategory.Conflict => "conflict",
        _ => "unknown",
    };

    /// <summary>Parses a tag value (or the member name, case-insensitively) back into a category.</summary>
    /// <param name="value">A tag value such as <c>not_found</c>, or a member name such as <c>NotFound</c>.</param>
    /// <param name="category">The parsed category.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> names a category.</returns>
    internal static bool TryParseTagValue(string? value, out PartnerCenterErrorCategory category)
    {
        category = PartnerCenterErrorCategory.Unknown;
        if (string.IsNullOrWhiteSpace(value) || !char.IsAsciiLetter(value.TrimStart()[0]))
        {
            return false;
        }

        var normalised = value.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(normalised, ignoreCase: true, out category) && Enum.IsDefined(category);
    }
}
