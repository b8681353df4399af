using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// Each phrase of the fallback rules on its own, the word-start rule, the weights and the tie order. The phrases are
/// the rule table of docs/error-categories.md; a phrase that no longer decides its category is a changed rule.
/// </summary>
public sealed class FallbackSignalTests
{
    public static TheoryData<string, PartnerCenterErrorCategory> Phrases => new()
    {
        { "quota", PartnerCenterErrorCategory.Quota },
        { "too many", PartnerCenterErrorCategory.Quota },
        { "run out of", PartnerCenterErrorCategory.Quota },
        { "ran out of", PartnerCenterErrorCategory.Quota },
        { "out of licenses", PartnerCenterErrorCategory.Quota },
        { "available licenses", PartnerCenterErrorCategory.Quota },
        { "limit", PartnerCenterErrorCategory.Quota },
        { "exceed", PartnerCenterErrorCategory.Quota },
        { "maximum", PartnerCenterErrorCategory.Quota },
        { "exhausted", PartnerCenterErrorCategory.Quota },
        { "not eligible", PartnerCenterErrorCategory.Eligibility },
        { "must be active", PartnerCenterErrorCategory.Eligibility },
        { "current state", PartnerCenterErrorCategory.Eligibility },
        { "required to purchase", PartnerCenterErrorCategory.Eligibility },
        { "cannot be migrated", PartnerCenterErrorCategory.Eligibility },
        { "can't be migrated", PartnerCenterErrorCategory.Eligibility },
        { "credit", PartnerCenterErrorCategory.Eligibility },
        { "ineligible", PartnerCenterErrorCategory.Eligibility },
        { "not active", PartnerCenterErrorCategory.Eligibility },
        { "isn't active", PartnerCenterErrorCategory.Eligibility },
        { "aren't active", PartnerCenterErrorCategory.Eligibility },
        { "inactive", PartnerCenterErrorCategory.Eligibility },
        { "not available in", PartnerCenterErrorCategory.Eligibility },
        { "not yet available", PartnerCenterErrorCategory.Eligibility },
        { "no longer available", PartnerCenterErrorCategory.Eligibility },
        { "not onboarded", PartnerCenterErrorCategory.Eligibility },
        { "attestation", PartnerCenterErrorCategory.Eligibility },
        { "under review", PartnerCenterErrorCategory.Eligibility },
        { "not approved", PartnerCenterErrorCategory.Eligibility },
        { "not signed", PartnerCenterErrorCategory.Eligibility },
        { "hasn't signed", PartnerCenterErrorCategory.Eligibility },
        { "eligib", PartnerCenterErrorCategory.Eligibility },
        { "suspended", PartnerCenterErrorCategory.Eligibility },
        { "deleted", PartnerCenterErrorCategory.Eligibility },
        { "expired", PartnerCenterErrorCategory.Eligibility },
        { "disabled", PartnerCenterErrorCategory.Eligibility },
        { "not supported for", PartnerCenterErrorCategory.Eligibility },
        { "not available for", PartnerCenterErrorCategory.Eligibility },
        { "not valid for", PartnerCenterErrorCategory.Eligibility },
        { "isn't valid for", PartnerCenterErrorCategory.Eligibility },
        { "isn't supported for", PartnerCenterErrorCategory.Eligibility },
        { "cannot be purchased", PartnerCenterErrorCategory.Eligibility },
        { "can't be purchased", PartnerCenterErrorCategory.Eligibility },
        { "country", PartnerCenterErrorCategory.Eligibility },
        { "agreement", PartnerCenterErrorCategory.Eligibility },
        { "window", PartnerCenterErrorCategory.Eligibility },
        { "market", PartnerCenterErrorCategory.Eligibility },
        { "environment", PartnerCenterErrorCategory.Eligibility },
        { "in progress", PartnerCenterErrorCategory.Conflict },
        { "being processed", PartnerCenterErrorCategory.Conflict },
        { "another request", PartnerCenterErrorCategory.Conflict },
        { "already exists", PartnerCenterErrorCategory.Conflict },
        { "etag", PartnerCenterErrorCategory.Conflict },
        { "being suspended", PartnerCenterErrorCategory.Conflict },
        { "being cancelled", PartnerCenterErrorCategory.Conflict },
        { "being canceled", PartnerCenterErrorCategory.Conflict },
        { "being deleted", PartnerCenterErrorCategory.Conflict },
        { "being provisioned", PartnerCenterErrorCategory.Conflict },
        { "being updated", PartnerCenterErrorCategory.Conflict },
        { "not ready", PartnerCenterErrorCategory.Conflict },
        { "concurren", PartnerCenterErrorCategory.Conflict },
        { "unauthori", PartnerCenterErrorCategory.Auth },
        { "not authorized", PartnerCenterErrorCategory.Auth },
        { "authori", PartnerCenterErrorCategory.Auth },
        { "authenticat", PartnerCenterErrorCategory.Auth },
        { "unauthenticated", PartnerCenterErrorCategory.Auth },
        { "permission", PartnerCenterErrorCategory.Auth },
        { "privilege", PartnerCenterErrorCategory.Auth },
        { "credential", PartnerCenterErrorCategory.Auth },
        { "token", PartnerCenterErrorCategory.Auth },
        { "access denied", PartnerCenterErrorCategory.Auth },
        { "conditional access", PartnerCenterErrorCategory.Auth },
        { "relationship", PartnerCenterErrorCategory.Auth },
        { "delegated admin", PartnerCenterErrorCategory.Auth },
        { "gdap", PartnerCenterErrorCategory.Auth },
        { "app only", PartnerCenterErrorCategory.Auth },
        { "app-only", PartnerCenterErrorCategory.Auth },
        { "app+user", PartnerCenterErrorCategory.Auth },
        { "app context", PartnerCenterErrorCategory.Auth },
        { "user context", PartnerCenterErrorCategory.Auth },
        { "role", PartnerCenterErrorCategory.Auth },
        { "consent", PartnerCenterErrorCategory.Auth },
        { "access to", PartnerCenterErrorCategory.Auth },
        { "malformed", PartnerCenterErrorCategory.Validation },
        { "cannot be empty", PartnerCenterErrorCategory.Validation },
        { "minimum", PartnerCenterErrorCategory.Validation },
        { "operation isn't supported", PartnerCenterErrorCategory.Validation },
        { "operation is not supported", PartnerCenterErrorCategory.Validation },
        { "should be", PartnerCenterErrorCategory.Validation },
        { "must be", PartnerCenterErrorCategory.Validation },
        { "invalid", PartnerCenterErrorCategory.Validation },
        { "not valid", PartnerCenterErrorCategory.Validation },
        { "isn't valid", PartnerCenterErrorCategory.Validation },
        { "is required", PartnerCenterErrorCategory.Validation },
        { "format", PartnerCenterErrorCategory.Validation },
        { "missing", PartnerCenterErrorCategory.Validation },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void Each_phrase_alone_decides_its_category(string phrase, PartnerCenterErrorCategory category)
    {
        Assert.True(FallbackRules.TryClassify(400, "Zz " + phrase + " zz", out var found), phrase);
        Assert.Equal(category, found);
        Assert.True(FallbackRules.TryClassify(422, phrase.ToUpperInvariant(), out found), phrase);
        Assert.Equal(category, found);
    }

    [Theory]
    [InlineData("The prole was here.", false)]
    [InlineData("The proles and the role.", true)]
    [InlineData("Roles are missing", true)]
    [InlineData("admin-role", true)]
    [InlineData("admin2role", false)]
    [InlineData("role", true)]
    [InlineData("xrolexrole", false)]
    public void A_phrase_counts_only_where_a_word_starts(string text, bool matches)
    {
        Assert.Equal(matches, FallbackRules.TryClassify(403, text, out var category));
        Assert.Equal(matches ? PartnerCenterErrorCategory.Auth : PartnerCenterErrorCategory.Unknown, category);
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(403, true)]
    [InlineData(422, true)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    public void The_rules_apply_to_400_403_and_422_only(int status, bool applies)
    {
        Assert.Equal(applies, FallbackRules.AppliesTo(status));
        Assert.Equal(applies, FallbackRules.TryClassify(status, "The seat quota is used up.", out var category));
        Assert.Equal(applies ? PartnerCenterErrorCategory.Quota : PartnerCenterErrorCategory.Unknown, category);
    }

    [Fact]
    public void Text_without_a_phrase_decides_nothing()
    {
        Assert.False(FallbackRules.TryClassify(400, "", out var category));
        Assert.Equal(PartnerCenterErrorCategory.Unknown, category);
        Assert.False(FallbackRules.TryClassify(400, "Something happened.", out category));
        Assert.Equal(PartnerCenterErrorCategory.Unknown, category);
    }

    [Theory]
    // A stronger phrase wins whatever the order.
    [InlineData("The market is closed: quota used.", PartnerCenterErrorCategory.Quota)]
    [InlineData("Quota: the market is closed.", PartnerCenterErrorCategory.Quota)]
    [InlineData("The token has a limit.", PartnerCenterErrorCategory.Auth)]
    [InlineData("The limit of the token.", PartnerCenterErrorCategory.Auth)]
    [InlineData("The environment is invalid.", PartnerCenterErrorCategory.Validation)]
    [InlineData("Invalid environment.", PartnerCenterErrorCategory.Validation)]
    // Equal weights: conflict, then quota, eligibility, auth, validation.
    [InlineData("Invalid role.", PartnerCenterErrorCategory.Auth)]
    [InlineData("The role is invalid.", PartnerCenterErrorCategory.Auth)]
    [InlineData("The role is suspended.", PartnerCenterErrorCategory.Eligibility)]
    [InlineData("Suspended role.", PartnerCenterErrorCategory.Eligibility)]
    [InlineData("Suspended: limit reached.", PartnerCenterErrorCategory.Quota)]
    [InlineData("Limit reached while suspended.", PartnerCenterErrorCategory.Quota)]
    [InlineData("Limit reached, not ready.", PartnerCenterErrorCategory.Conflict)]
    [InlineData("Not ready: limit reached.", PartnerCenterErrorCategory.Conflict)]
    [InlineData("Too many requests are in progress.", PartnerCenterErrorCategory.Conflict)]
    [InlineData("In progress: too many requests.", PartnerCenterErrorCategory.Conflict)]
    [InlineData("The token quota is used.", PartnerCenterErrorCategory.Quota)]
    [InlineData("Malformed token.", PartnerCenterErrorCategory.Auth)]
    [InlineData("The token is malformed.", PartnerCenterErrorCategory.Auth)]
    // A negation scoped by "for" is level with the validation phrase inside it, and eligibility comes first.
    [InlineData("The partner is not valid for this offer.", PartnerCenterErrorCategory.Eligibility)]
    [InlineData("This operation is not supported for trial offers.", PartnerCenterErrorCategory.Eligibility)]
    [InlineData("The partner is not valid.", PartnerCenterErrorCategory.Validation)]
    [InlineData("This operation is not supported.", PartnerCenterErrorCategory.Validation)]
    public void The_heaviest_phrase_decides_and_ties_follow_the_order(string text, PartnerCenterErrorCategory expected)
    {
        Assert.True(FallbackRules.TryClassify(400, text, out var category));
        Assert.Equal(expected, category);
    }
}
