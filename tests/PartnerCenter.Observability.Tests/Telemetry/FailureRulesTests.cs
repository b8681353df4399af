using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Tests.Telemetry;

/// <summary>The one home of error.type and the cancellation rule, shared by the attempt and the call spans.</summary>
public sealed class FailureRulesTests
{
    [Theory]
    [InlineData(true, null, true)]    // no retry layer: the token given is the caller's
    [InlineData(true, true, true)]    // the retry layer's caller token is cancelled too: the caller cancelled
    [InlineData(true, false, false)]  // only the attempt's token: an attempt timeout, a transient failure
    [InlineData(false, null, false)]  // nothing cancelled: an error like any other
    [InlineData(false, true, false)]
    public void A_cancellation_is_the_callers_only_when_the_callers_token_is_cancelled(bool tokenCancelled, bool? callerCancelled, bool expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/invoices");
        if (callerCancelled is { } cancelled)
        {
            request.Options.Set(PartnerCenterRequestKeys.CallerCancellation, new CancellationToken(cancelled));
        }

        var token = new CancellationToken(tokenCancelled);
        Assert.Equal(expected, FailureRules.IsCallerCancellation(request, token));
        Assert.Equal(expected, FailureRules.IsCallerCancellation(new TaskCanceledException(), request, token));
        Assert.Equal(expected, FailureRules.IsCallerCancellation(new OperationCanceledException(), request, token));
        Assert.False(FailureRules.IsCallerCancellation(new HttpRequestException("reset"), request, token));
    }

    [Theory]
    [InlineData("800020", 403, "800020")]
    [InlineData(null, 403, "403")]
    [InlineData(null, 503, "503")]
    public void A_failed_response_is_typed_by_its_code_else_its_status(string? code, int status, string expected) =>
        Assert.Equal(expected, FailureRules.ForResponse(code, status));

    [Fact]
    public void An_exception_is_typed_by_the_runtime_error_else_timeout_else_its_type()
    {
        Assert.Equal("connection_error", FailureRules.ForException(new HttpRequestException(HttpRequestError.ConnectionError)));
        Assert.Equal("timeout", FailureRules.ForException(new TimeoutException()));
        Assert.Equal("timeout", FailureRules.ForException(new TaskCanceledException()));
        Assert.Equal(typeof(InvalidOperationException).FullName, FailureRules.ForException(new InvalidOperationException()));
    }
}
