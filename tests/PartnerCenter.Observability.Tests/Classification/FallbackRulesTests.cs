using System.Text;
using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// The fallback rules for uncataloged codes. Every description here is written from a category's definition and is in
/// none of the reference files (a test below checks that), so they test the rules, not the catalogue.
/// </summary>
public sealed class FallbackRulesTests
{
    private const string UncatalogedCode = "987654";

    public static TheoryData<int, string, PartnerCenterErrorCategory> RuleCases => new()
    {
        // Quota: count, seat and licence limits, and maximums.
        { 400, "You have reached the maximum number of subscriptions for this customer.", PartnerCenterErrorCategory.Quota },
        { 403, "The seat limit for this plan has been reached.", PartnerCenterErrorCategory.Quota },
        { 400, "It seems you ran out of seats; purchase more and then try again.", PartnerCenterErrorCategory.Quota },
        { 400, "Too many licence changes were made today.", PartnerCenterErrorCategory.Quota },
        { 422, "The requested count exceeds what the plan allows.", PartnerCenterErrorCategory.Quota },

        // Eligibility: the state of the partner, customer, offer or subscription forbids the call.
        { 400, "The customer account is suspended.", PartnerCenterErrorCategory.Eligibility },
        { 400, "This plan is not supported for government customers.", PartnerCenterErrorCategory.Eligibility },
        { 403, "The product cannot be sold to customers in that country.", PartnerCenterErrorCategory.Eligibility },
        { 400, "The subscription has expired and cannot be renewed, please try again.", PartnerCenterErrorCategory.Eligibility },
        { 400, "The offer is not available for this environment.", PartnerCenterErrorCategory.Eligibility },
        { 403, "The reseller is not eligible to place this order.", PartnerCenterErrorCategory.Eligibility },
        { 400, "The add-on cannot be bought because the base subscription is inactive.", PartnerCenterErrorCategory.Eligibility },

        // Auth: who the caller is or what it may do.
        { 403, "An app-only call cannot change licences; sign in a user.", PartnerCenterErrorCategory.Auth },
        { 403, "The caller lacks the Admin Agent role.", PartnerCenterErrorCategory.Auth },
        { 400, "The supplied credentials were rejected.", PartnerCenterErrorCategory.Auth },
        { 403, "There is no reseller relationship between you and this customer.", PartnerCenterErrorCategory.Auth },
        { 403, "Your GDAP security group has no access here.", PartnerCenterErrorCategory.Auth },

        // Conflict: concurrent or stale state.
        { 400, "Another request for this cart is in progress.", PartnerCenterErrorCategory.Conflict },
        { 400, "A billing profile with this name already exists.", PartnerCenterErrorCategory.Conflict },

        // Validation: the request itself is wrong.
        { 400, "The quantity field is missing.", PartnerCenterErrorCategory.Validation },
        { 403, "The request body is malformed.", PartnerCenterErrorCategory.Validation },
    };

    [Theory]
    [MemberData(nameof(RuleCases))]
    public void Each_rule_decides_an_uncataloged_code(int status, string description, PartnerCenterErrorCategory expected)
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(status, UncatalogedCode, description);

        Assert.Equal(PartnerCenterClassificationSource.StatusKeyword, result.Source);
        Assert.Equal(expected, result.Category);
        Assert.False(result.IsRetryable);
    }

    [Fact]
    public void The_rule_cases_are_in_no_reference_file()
    {
        var known = PartnerCenterErrorCatalog.Definitions.SelectMany(r => r.OtherWordings.Append(r.Template)).ToList();
        foreach (var (_, description, _) in RuleCases.Select(c => c.Data))
        {
            Assert.DoesNotContain(known, k => k.Equals(description, StringComparison.OrdinalIgnoreCase));
            Assert.False(PartnerCenterErrorCatalog.TryMatchTemplate(400, description, out var row), $"'{description}' matches the catalogue row {row}");
        }
    }

    public static TheoryData<string> TransientSoundingPhrases => new()
    {
        "Please try again.",
        "Something went wrong, try again later.",
        "The service is temporarily unavailable. Retry the request after a delay.",
        "Timeout while contacting the billing system; please retry.",
        "Internal server error. Service busy.",
        "We are sorry, it looks like something failed. Fix the request, and then try again.",
    };

    [Theory]
    [MemberData(nameof(TransientSoundingPhrases))]
    public void No_keyword_makes_a_4xx_other_than_408_and_429_retryable(string description)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"code": {{UncatalogedCode}}, "description": "{{description}}"}""");
        for (var status = 400; status < 500; status++)
        {
            var fromBody = PartnerCenterErrorClassifier.Default.Classify(status, body, "application/json");
            var fromText = PartnerCenterErrorClassifier.Default.Classify(status, code: null, description);
            var expected = status is 408 or 429;
            Assert.True(expected == fromBody.IsRetryable, $"{status} '{description}': retryable {fromBody.IsRetryable} ({fromBody.Reason})");
            Assert.True(expected == fromText.IsRetryable, $"{status} '{description}' without a code: retryable {fromText.IsRetryable} ({fromText.Reason})");
            Assert.True(status == 408 || fromBody.Category != PartnerCenterErrorCategory.Transient, $"{status} '{description}' is transient");
        }
    }

    [Fact]
    public void The_licence_purchase_that_can_only_fail_again_is_quota_and_not_retried_even_uncataloged()
    {
        // The reference wording matches the catalogued template whatever the code.
        var reference = """{"code": 60099, "description": "We are sorry, it looks like you have run out of licenses. Buy more licenses, and then try again."}"""u8;
        var byTemplate = PartnerCenterErrorClassifier.Default.Classify(400, reference, "application/json");
        Assert.Equal(PartnerCenterErrorCategory.Quota, byTemplate.Category);
        Assert.False(byTemplate.IsRetryable);

        // Another wording: the exception name in data decides, and "and then try again" makes nothing retryable.
        var body = """{"code": 60099, "description": "Sorry, the customer has no licences left to assign. Buy more, and then try again.", "data": ["LicenseQuotaExceededException : Subscription with Account 1 does not have any available seats left."]}"""u8;
        var result = PartnerCenterErrorClassifier.Default.Classify(400, body, "application/json");

        Assert.Equal(PartnerCenterErrorCategory.Quota, result.Category);
        Assert.False(result.IsRetryable);
        Assert.Equal(PartnerCenterClassificationSource.StatusKeyword, result.Source);
    }

    [Fact]
    public void An_exception_name_in_data_is_a_signal_when_the_description_says_nothing()
    {
        var body = """{"code": 60099, "description": "The operation failed.", "data": ["SubscriptionNotActiveException : the subscription is in state 'Suspended'"]}"""u8;
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, PartnerCenterErrorClassifier.Default.Classify(400, body, "application/json").Category);

        // Without the name the words say too little: unknown rather than the status's guess of validation.
        var plain = """{"code": 60099, "description": "The operation failed.", "data": ["just a note"]}"""u8;
        Assert.Equal(PartnerCenterErrorCategory.Unknown, PartnerCenterErrorClassifier.Default.Classify(400, plain, "application/json").Category);
    }

    [Fact]
    public void The_most_specific_signal_wins()
    {
        // "not active" (eligibility, strong) beats "is required" (validation, usual).
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, PartnerCenterErrorClassifier.Default.Classify(400, UncatalogedCode, "The linked plan is not active; an active plan is required.").Category);

        // "token" (auth, strong) beats "limit" (quota, usual).
        Assert.Equal(PartnerCenterErrorCategory.Auth, PartnerCenterErrorClassifier.Default.Classify(400, UncatalogedCode, "A partner token cannot be used to change the limit.").Category);

        // A phrase counts only where a word starts: "controller" holds no "role".
        Assert.False(FallbackRules.TryClassify(400, "The controller rejected the call.", out _));
        Assert.NotEqual(PartnerCenterErrorCategory.Auth, PartnerCenterErrorClassifier.Default.Classify(400, UncatalogedCode, "The controller rejected the call.").Category);
    }

    [Fact]
    public void No_reference_description_changes_category_because_of_a_rule_meant_for_another()
    {
        // Each row's wordings at the row's own status; a row without a status (0) at 400, where such codes come. Not
        // checked: rows at statuses the rules never touch (404, 409, 5xx ...), items of successful responses (200), and
        // transient rows, which the rules cannot yield by design (any answer they give is the non-retryable, safe one).
        var wrong = new List<string>();
        var checkedRows = 0;
        foreach (var row in PartnerCenterErrorCatalog.Definitions.SelectMany(r => r.Variants.Prepend(r)).Distinct())
        {
            var status = row.StatusCode == 0 ? 400 : row.StatusCode;
            if (!FallbackRules.AppliesTo(status) || row.Category == PartnerCenterErrorCategory.Transient)
            {
                continue;
            }

            checkedRows++;
            foreach (var description in row.OtherWordings.Prepend(row.Template))
            {
                if (FallbackRules.TryClassify(status, description, out var category) && category != row.Category)
                {
                    wrong.Add($"{row.StatusCode} {row.Code ?? "-"} {row.Category.ToTagValue()} -> {category.ToTagValue()}: {description}");
                }
            }
        }

        Assert.True(checkedRows > 150, $"only {checkedRows} rows checked");
        Assert.True(wrong.Count == 0, $"{wrong.Count} reference descriptions would change category:\n" + string.Join("\n", wrong));
    }
}
