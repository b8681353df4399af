using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Tests.Telemetry;

public sealed class ErrorCodeTagTests
{
    [Theory]
    [InlineData("800020")]
    [InlineData("1")]
    [InlineData("123456789")]
    public void Short_numbers_are_tag_safe(string code)
    {
        Assert.True(ErrorCodeTag.IsTagSafe(code));
        Assert.Equal(code, ErrorCodeTag.ForSpan(code));
        Assert.Equal(code, ErrorCodeTag.ForMetric(code));
    }

    [Theory]
    [InlineData("4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55", "{guid}")]
    [InlineData("4a7f2c1e9d3b4b8aa1e20f9d8c7b6a55", "{guid}")]
    [InlineData("{4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55}", "{guid}")]
    [InlineData("jane.doe@contoso.com", "{email}")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc", "{token}")]
    [InlineData("ghp_16C7e42F292c6912E7710c838347Ae178B4a", "{token}")]
    [InlineData("contoso.onmicrosoft.com", "{domain}")]
    [InlineData("12345678901234567890123", "{number}")]
    [InlineData("deadbeef1cafe", "{token}")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "{token}")]
    [InlineData("JaneDoe", "{token}")]
    [InlineData("InvalidAuthenticationToken", "{token}")]
    [InlineData("Error42", "{token}")]
    [InlineData("990002\r\n2025-01-01 [FTL] forged", "{redacted}")]
    [InlineData("a\u001b[31mred", "{redacted}")]
    [InlineData("", "{redacted}")]
    public void Uncataloged_names_ids_tokens_and_long_codes_never_become_tags(string code, string redacted)
    {
        Assert.False(ErrorCodeTag.IsTagSafe(code));
        Assert.Equal(redacted, ErrorCodeTag.ForSpan(code));
        Assert.Equal("other", ErrorCodeTag.ForMetric(code));
    }

    [Fact]
    public void Codes_that_are_not_tag_safe_take_no_slot_of_the_per_operation_cap()
    {
        var cap = new MetricCodeCap(maxPerOperation: 2);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("other", cap.Bound("/v1/invoices", Uncataloged(Guid.NewGuid().ToString("D"))));
        }

        Assert.Equal("700001", cap.Bound("/v1/invoices", Uncataloged("700001")));
        Assert.Equal("700002", cap.Bound("/v1/invoices", Uncataloged("700002")));
        Assert.Equal("other", cap.Bound("/v1/invoices", Uncataloged("700003")));

        // Past the metric cap, spans keep the code.
        Assert.Equal("700003", ErrorCodeTag.ForSpan(Uncataloged("700003")));
    }

    private static PartnerCenterErrorClassification Uncataloged(string code) =>
        PartnerCenterErrorClassifier.Default.Classify(400, code, "Something we never saw");
}
