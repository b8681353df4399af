using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>What a classification says about itself: whether it is an error, whether to retry, and why.</summary>
public sealed class ClassificationResultTests
{
    [Theory]
    [InlineData(PartnerCenterPayloadOutcome.Empty, "empty body; classified by status")]
    [InlineData(PartnerCenterPayloadOutcome.NotJson, "body is not JSON; classified by status")]
    [InlineData(PartnerCenterPayloadOutcome.Truncated, "body exceeded the byte limit and was read in part; classified by status")]
    [InlineData(PartnerCenterPayloadOutcome.Invalid, "body is not valid JSON; classified by status")]
    [InlineData(PartnerCenterPayloadOutcome.Unrecognized, "body is not a Partner Center error object; classified by status")]
    [InlineData(PartnerCenterPayloadOutcome.Parsed, "classified by status")]
    [InlineData(PartnerCenterPayloadOutcome.NotRead, "classified by status")]
    public void The_reason_names_what_became_of_the_body(PartnerCenterPayloadOutcome payload, string reason) =>
        Assert.Equal(reason, PartnerCenterErrorClassifier.ClassifyStatus(503, payload).Reason);

    [Theory]
    [InlineData(PartnerCenterClassificationSource.NotAnError, "classified by status (not an error)")]
    [InlineData(PartnerCenterClassificationSource.Override, "classified by user override of the code")]
    [InlineData(PartnerCenterClassificationSource.CatalogStatusAndCode, "classified by catalogue (status and code)")]
    [InlineData(PartnerCenterClassificationSource.CatalogCode, "classified by catalogue (code, documented under another status)")]
    [InlineData(PartnerCenterClassificationSource.DescriptionTemplate, "classified by catalogue (description template)")]
    [InlineData(PartnerCenterClassificationSource.StatusKeyword, "classified by fallback rules on the description (uncataloged code)")]
    [InlineData(PartnerCenterClassificationSource.Status, "classified by status")]
    [InlineData(PartnerCenterClassificationSource.None, "classified by nothing (no rule matched)")]
    public void The_reason_names_the_rule_that_decided(PartnerCenterClassificationSource source, string reason) =>
        Assert.Equal(reason, Make(400, source: source).Reason);

    [Fact]
    public void To_string_gives_status_code_category_and_reason()
    {
        Assert.Equal("503 - transient (empty body; classified by status)", PartnerCenterErrorClassifier.ClassifyStatus(503, PartnerCenterPayloadOutcome.Empty).ToString());
        Assert.Equal("400 700001 validation (classified by status)", PartnerCenterErrorClassifier.Default.Classify(400, "700001", null).ToString());
    }

    [Theory]
    [InlineData(399, false)]
    [InlineData(400, true)]
    [InlineData(599, true)]
    public void An_error_is_a_status_of_400_or_more(int status, bool isError) =>
        Assert.Equal(isError, Make(status, PartnerCenterErrorCategory.Transient).IsError);

    [Theory]
    [InlineData(503, PartnerCenterErrorCategory.Transient, null, true)]
    [InlineData(503, PartnerCenterErrorCategory.Transient, false, false)]
    [InlineData(400, PartnerCenterErrorCategory.Validation, null, false)]
    [InlineData(400, PartnerCenterErrorCategory.Validation, true, true)]
    [InlineData(429, PartnerCenterErrorCategory.Quota, null, true)]
    [InlineData(429, PartnerCenterErrorCategory.Quota, false, false)]
    [InlineData(409, PartnerCenterErrorCategory.Transient, true, false)]
    [InlineData(409, PartnerCenterErrorCategory.Transient, null, false)]
    [InlineData(200, PartnerCenterErrorCategory.Transient, true, false)]
    [InlineData(399, PartnerCenterErrorCategory.Transient, null, false)]
    public void The_server_decides_retrying_except_for_409_and_successes(int status, PartnerCenterErrorCategory category, bool? serverStated, bool retryable)
    {
        var stated = serverStated switch { true => ServerRetryable.Yes, false => ServerRetryable.No, null => ServerRetryable.NotStated };
        var classification = Make(status, category, retryable: stated);
        Assert.Equal(retryable, classification.IsRetryable);
        Assert.Equal(serverStated, classification.ServerStatedRetryable);
    }

    [Theory]
    [InlineData(PartnerCenterErrorCategory.Transient, 500, true)]
    [InlineData(PartnerCenterErrorCategory.Transient, 409, false)]
    [InlineData(PartnerCenterErrorCategory.Quota, 429, true)]
    [InlineData(PartnerCenterErrorCategory.Validation, 429, true)]
    [InlineData(PartnerCenterErrorCategory.Quota, 400, false)]
    [InlineData(PartnerCenterErrorCategory.Conflict, 409, false)]
    public void Only_transient_errors_and_429_are_retryable_by_rule(PartnerCenterErrorCategory category, int status, bool retryable) =>
        Assert.Equal(retryable, PartnerCenterErrorClassifier.IsRetryable(category, status));

    [Fact]
    public void Every_field_given_is_kept()
    {
        var classification = new PartnerCenterErrorClassification(
            404, "800002", PartnerCenterErrorCategory.NotFound, "Customer {0} not found", null, PartnerCenterClassificationSource.Status, PartnerCenterPayloadOutcome.Parsed, "Customer 42 not found");
        Assert.Equal(404, classification.StatusCode);
        Assert.Equal("800002", classification.Code);
        Assert.Equal(PartnerCenterErrorCategory.NotFound, classification.Category);
        Assert.Equal("Customer {0} not found", classification.Description);
        Assert.Null(classification.Definition);
        Assert.Equal(PartnerCenterClassificationSource.Status, classification.Source);
        Assert.Equal(PartnerCenterPayloadOutcome.Parsed, classification.Payload);
        Assert.Equal("Customer 42 not found", classification.RawDescription);
        Assert.Null(classification.ServerStatedRetryable);
    }

    private static PartnerCenterErrorClassification Make(
        int status,
        PartnerCenterErrorCategory category = PartnerCenterErrorCategory.Validation,
        PartnerCenterClassificationSource source = PartnerCenterClassificationSource.Status,
        ServerRetryable retryable = ServerRetryable.NotStated) =>
        new(status, null, category, null, null, source, PartnerCenterPayloadOutcome.Parsed, null, retryable);
}
