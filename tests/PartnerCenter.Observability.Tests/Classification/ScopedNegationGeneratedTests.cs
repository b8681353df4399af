using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// The class behind issue #28's two misread examples ("Partner is not valid for offer", "This operation is not supported
/// for Azure savings plan…"): a negation scoped by what it is for says the thing named is not eligible, so an
/// uncataloged 400 or 403 worded that way is <c>eligibility</c>, never retryable; the same sentence without the scope
/// ("… is not valid.") stays a request error. A seeded generator over subjects, negations and objects that no
/// catalogue row spells, through the whole classifier (phrases and model).
/// </summary>
public sealed class ScopedNegationGeneratedTests
{
    private const string UncatalogedCode = "987654";
    private const int Cases = 400;

    private static readonly string[] Subjects =
    [
        "Partner", "The partner", "The reseller", "This customer", "Customer {0}", "The tenant", "This subscription",
        "This operation", "The requested product", "The selected SKU", "Indirect reseller {0}", "The promotion",
    ];

    private static readonly string[] Negations =
    [
        "is not valid for", "isn't valid for", "is not supported for", "isn't supported for", "is currently not supported for",
        "cannot be purchased for", "can't be purchased by", "is not available for",
    ];

    private static readonly string[] Objects =
    [
        "offer", "this offer", "Azure savings plan in Partner Center today", "trial offers", "government customers",
        "the selected market", "education customers", "this billing plan", "offer {1}", "reserved instances",
    ];

    private static readonly string[] Tails = [string.Empty, ".", ". Contact support.", " at this time.", "; see the documentation."];

    [Fact]
    public void A_negation_scoped_by_for_reads_as_eligibility_and_is_never_retryable()
    {
        var random = new Random(2028);
        for (var i = 0; i < Cases; i++)
        {
            var status = random.Next(2) == 0 ? 400 : 403;
            var description = $"{Pick(random, Subjects)} {Pick(random, Negations)} {Pick(random, Objects)}{Pick(random, Tails)}";

            var result = PartnerCenterErrorClassifier.Default.Classify(status, UncatalogedCode, description);

            Assert.True(result.Category == PartnerCenterErrorCategory.Eligibility && !result.IsRetryable, $"case {i}: {status} \"{description}\" -> {result}");
        }
    }

    [Theory]
    [InlineData(403, "Partner is not valid for offer")]
    [InlineData(403, "This operation is not supported for Azure savings plan in Partner Center today. Please use the Azure portal.")]
    public void The_issue_examples_at_an_uncataloged_code_are_eligibility(int status, string description) =>
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, PartnerCenterErrorClassifier.Default.Classify(status, UncatalogedCode, description).Category);

    [Fact]
    public void Without_the_scope_the_same_negations_stay_request_errors()
    {
        var random = new Random(2029);
        for (var i = 0; i < Cases / 4; i++)
        {
            var description = $"{Pick(random, Subjects)} {Pick(random, ["is not valid", "isn't valid", "is invalid"])}{Pick(random, Tails)}";

            Assert.True(FallbackRules.TryClassify(400, description, out var category), description);
            Assert.Equal(PartnerCenterErrorCategory.Validation, category);
        }
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
