using PartnerCenter.Observability.Simulator.Outcomes;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Tests.Outcomes;

/// <summary>The X-Simulator-Outcome header grammar.</summary>
public sealed class OutcomeOverrideTests
{
    [Theory]
    [InlineData("status=403;code=800020", "error", 403, "800020", PartnerCenterErrorCategory.Eligibility)]
    [InlineData("status=403; code=900150", "error", 403, "900150", PartnerCenterErrorCategory.Auth)]
    [InlineData("code=800067", "error", 403, "800067", PartnerCenterErrorCategory.Quota)]
    [InlineData("status=401", "error", 401, "800001", PartnerCenterErrorCategory.Auth)]
    [InlineData("status=409", "error", 409, "800060", PartnerCenterErrorCategory.Conflict)]
    [InlineData("status=404", "error", 404, "20003", PartnerCenterErrorCategory.NotFound)]
    [InlineData("status=412", "error", 412, null, PartnerCenterErrorCategory.Conflict)]
    [InlineData("status=501", "error", 501, null, PartnerCenterErrorCategory.Validation)]
    [InlineData("status=400;code=123456", "error", 400, "123456", PartnerCenterErrorCategory.Validation)]
    [InlineData("status=429", "throttled", 429, "429", PartnerCenterErrorCategory.Quota)]
    [InlineData("status=503", "gateway-page", 503, null, PartnerCenterErrorCategory.Transient)]
    [InlineData("kind=html", "gateway-page", 502, null, PartnerCenterErrorCategory.Transient)]
    [InlineData("empty", "empty-body", 503, null, PartnerCenterErrorCategory.Transient)]
    [InlineData("kind=empty;status=500", "empty-body", 500, null, PartnerCenterErrorCategory.Transient)]
    [InlineData("slow", "slow-body", 500, "800003", PartnerCenterErrorCategory.Transient)]
    [InlineData("timeout", "timeout", 504, null, PartnerCenterErrorCategory.Transient)]
    [InlineData("KIND=Drop", "dropped", 0, null, PartnerCenterErrorCategory.Transient)]
    [InlineData("success", "success", 200, null, null)]
    [InlineData("status=200", "success", 200, null, null)]
    public void Reads_the_header(string header, string kind, int status, string? code, PartnerCenterErrorCategory? category)
    {
        Assert.True(OutcomeOverride.TryParse(header, 42, 1, out var outcome, out var error), error);

        Assert.Equal(kind, outcome.Name);
        Assert.Equal(status, outcome.StatusCode);
        Assert.Equal(code, outcome.Code);
        Assert.Equal(category, outcome.Category);
    }

    [Fact]
    public void Reads_the_retry_after_and_the_code_format()
    {
        Assert.True(OutcomeOverride.TryParse("status=429;retry-after=7;retry-after-form=date;code-format=string", 42, 1, out var outcome, out _));

        Assert.Equal(RetryAfterForm.HttpDate, outcome.RetryAfter);
        Assert.Equal(7, outcome.RetryAfterSeconds);
        Assert.True(outcome.CodeAsString);
    }

    [Theory]
    [InlineData("status=abc")]
    [InlineData("status=99")]
    [InlineData("status=600")]
    [InlineData("kind=explode")]
    [InlineData("colour=blue")]
    [InlineData("kind=error;status=200")]
    [InlineData("retry-after=-1;status=429")]
    [InlineData("code-format=hex;status=400")]
    [InlineData(";;")]
    public void Rejects_what_it_cannot_read(string header)
    {
        Assert.False(OutcomeOverride.TryParse(header, 42, 1, out var outcome, out var error));
        Assert.Null(outcome);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
