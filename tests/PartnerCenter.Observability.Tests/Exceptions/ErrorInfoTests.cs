using System.Net;

namespace PartnerCenter.Observability.Tests.Exceptions;

/// <summary>
/// <see cref="PartnerCenterErrorInfo"/> speaks the exception's and the classification's types: the status an
/// <see cref="int"/> (0 when the chain gives no error status), Retry-After a <see cref="TimeSpan"/>.
/// </summary>
public sealed class ErrorInfoTests
{
    [Theory]
    [InlineData(429, 7.0)]
    [InlineData(503, 0.5)]
    [InlineData(403, null)]
    public void The_info_carries_the_exceptions_status_and_Retry_After_unchanged(int status, double? retryAfterSeconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        var exception = new PartnerCenterException(PartnerCenterErrorClassifier.ClassifyStatus(status)) { RetryAfter = retryAfter };

        Assert.True(PartnerCenterErrorInfo.TryFind(new InvalidOperationException("outer", exception), out var info));

        Assert.Equal(exception.Classification.StatusCode, info.StatusCode);
        Assert.Equal((int)exception.StatusCode!.Value, info.StatusCode);
        Assert.Equal(exception.RetryAfter, info.RetryAfter);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), info.ErrorType);
    }

    [Fact]
    public void A_chain_without_an_error_status_reads_as_status_0()
    {
        Assert.True(PartnerCenterErrorInfo.TryFind(new PartnerCenterException("no response"), out var bare));
        Assert.True(PartnerCenterErrorInfo.TryFind(new HttpRequestException("redirected", null, HttpStatusCode.NotModified), out var notAnError));

        Assert.Equal(0, bare.StatusCode);
        Assert.Null(bare.RetryAfter);
        Assert.Equal(typeof(PartnerCenterException).FullName, bare.ErrorType);
        Assert.Equal(0, notAnError.StatusCode);
        Assert.Equal(typeof(HttpRequestException).FullName, notAnError.ErrorType);
    }
}
