using System.Net.Http.Headers;

namespace PartnerCenter.Observability.Http;

/// <summary>Partner Center request and response headers.</summary>
internal static class PartnerCenterHeaders
{
    public const string RequestId = "MS-RequestId";
    public const string CorrelationId = "MS-CorrelationId";
    public const string CorrelationVector = "MS-CV";

    /// <summary>Adds MS-RequestId and MS-CorrelationId when the app set none. A retry of the same message keeps both.</summary>
    public static void AddIdsIfMissing(HttpRequestMessage request)
    {
        var headers = request.Headers;
        if (!headers.Contains(RequestId))
        {
            headers.TryAddWithoutValidation(RequestId, Guid.NewGuid().ToString("D"));
        }

        if (!headers.Contains(CorrelationId))
        {
            headers.TryAddWithoutValidation(CorrelationId, Guid.NewGuid().ToString("D"));
        }
    }

    /// <summary>The first value of a header from the response, else from the request; bounded to 128 characters.</summary>
    public static string? Get(HttpResponseMessage? response, HttpRequestMessage? request, string name)
    {
        if (response is not null && response.Headers.NonValidated.TryGetValues(name, out var values) && First(values) is { } fromResponse)
        {
            return fromResponse;
        }

        return request is not null && request.Headers.NonValidated.TryGetValues(name, out values) ? First(values) : null;
    }

    /// <summary>Retry-After in seconds, from either the delta-seconds or the HTTP-date form; never negative.</summary>
    public static double? RetryAfterSeconds(HttpResponseMessage response, TimeProvider timeProvider)
    {
        RetryConditionHeaderValue? retryAfter;
        try
        {
            retryAfter = response.Headers.RetryAfter;
        }
        catch (FormatException)
        {
            return null;
        }

        if (retryAfter?.Delta is { } delta)
        {
            return Math.Max(0, delta.TotalSeconds);
        }

        if (retryAfter?.Date is { } date)
        {
            return Math.Max(0, (date - timeProvider.GetUtcNow()).TotalSeconds);
        }

        return null;
    }

    private static string? First(HeaderStringValues values)
    {
        foreach (var value in values)
        {
            return value.Length <= 128 ? value : value[..128];
        }

        return null;
    }
}
