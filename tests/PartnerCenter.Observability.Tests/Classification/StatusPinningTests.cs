using System.Text;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// 401, 409 and 429 decide their category whatever the body says, and a 409 is never retried: each path that could
/// bring another category (the catalogue by status and code, by code alone, by description template, a user override)
/// is tried at each of these statuses.
/// </summary>
public sealed class StatusPinningTests
{
    // 800003 is catalogued at 500 as transient; 800020 at 403 as eligibility.
    private const string TransientBody = """{"code": 800003, "description": "Unexpected service error"}""";
    private const string EligibilityBody = """{"code": 800020, "description": "The catalog item isn't eligible for purchase."}""";
    private const string TemplateOnlyBody = """{"description": "The catalog item isn't eligible for purchase."}""";

    [Theory]
    [InlineData(401, TransientBody, PartnerCenterErrorCategory.Auth, false)]
    [InlineData(401, EligibilityBody, PartnerCenterErrorCategory.Auth, false)]
    [InlineData(401, TemplateOnlyBody, PartnerCenterErrorCategory.Auth, false)]
    [InlineData(409, TransientBody, PartnerCenterErrorCategory.Conflict, false)]
    [InlineData(409, EligibilityBody, PartnerCenterErrorCategory.Conflict, false)]
    [InlineData(409, TemplateOnlyBody, PartnerCenterErrorCategory.Conflict, false)]
    [InlineData(429, TransientBody, PartnerCenterErrorCategory.Quota, true)]
    [InlineData(429, EligibilityBody, PartnerCenterErrorCategory.Quota, true)]
    [InlineData(429, TemplateOnlyBody, PartnerCenterErrorCategory.Quota, true)]
    public void A_pinned_status_keeps_its_category_whatever_catalogued_body_it_carries(int status, string body, PartnerCenterErrorCategory expected, bool retryable)
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(status, Encoding.UTF8.GetBytes(body), "application/json");

        Assert.Equal(expected, result.Category);
        Assert.Equal(retryable, result.IsRetryable);
        Assert.NotNull(result.Description); // the catalogue still explains the code
    }

    [Fact]
    public void The_same_bodies_at_their_own_status_keep_the_catalogue_category()
    {
        // The control for the test above: pinning is about the status, not about these bodies.
        Assert.Equal(PartnerCenterErrorCategory.Transient, PartnerCenterErrorClassifier.Default.Classify(500, Encoding.UTF8.GetBytes(TransientBody), "application/json").Category);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, PartnerCenterErrorClassifier.Default.Classify(403, Encoding.UTF8.GetBytes(EligibilityBody), "application/json").Category);
    }

    [Theory]
    [InlineData(PartnerCenterErrorCategory.Transient)]
    [InlineData(PartnerCenterErrorCategory.Quota)]
    public void A_409_is_never_retryable_even_when_a_user_override_makes_its_code_transient(PartnerCenterErrorCategory overridden)
    {
        var options = new PartnerCenterClassificationOptions();
        options.CategoryOverrides["800003"] = overridden;
        var classifier = new PartnerCenterErrorClassifier(options);

        var conflict = classifier.Classify(409, Encoding.UTF8.GetBytes(TransientBody), "application/json");
        var server = classifier.Classify(503, Encoding.UTF8.GetBytes(TransientBody), "application/json");

        Assert.Equal(PartnerCenterClassificationSource.Override, conflict.Source);
        Assert.False(conflict.IsRetryable);
        Assert.Equal(overridden == PartnerCenterErrorCategory.Transient, server.IsRetryable); // the override itself works
    }

    [Theory]
    [InlineData(PartnerCenterErrorCategory.Transient, 409, false)]
    [InlineData(PartnerCenterErrorCategory.Quota, 409, false)]
    [InlineData(PartnerCenterErrorCategory.Transient, 503, true)]
    [InlineData(PartnerCenterErrorCategory.Quota, 429, true)]
    [InlineData(PartnerCenterErrorCategory.Quota, 403, false)]
    [InlineData(PartnerCenterErrorCategory.Eligibility, 400, false)]
    public void Retryable_means_transient_or_429_and_never_409(PartnerCenterErrorCategory category, int status, bool expected) =>
        Assert.Equal(expected, PartnerCenterErrorClassifier.IsRetryable(category, status));
}
