using System.Net.Http.Headers;

namespace PartnerCenter.Observability.Http;

/// <summary>Partner Center request and response headers.</summary>
internal static class PartnerCenterHeaders
{
    public const string RequestId = "MS-RequestId";
    public const string CorrelationId = "MS-CorrelationId";
    public const string CorrelationVector = "MS-CV";

    /// <summary>Adds MS-RequestId and MS-CorrelationId when the app set none. A retry of the same message keeps both.</summary>
    public static void AddIdsIfMissing(HttpRequestMessage request) => AddIdsIfMissing(request, out _, out _);

    /// <summary>
    /// Adds MS-RequestId and MS-CorrelationId when the app set none, and gives back the values it added (GUIDs it
    /// generated, so the caller need not read and check them again); <see langword="null"/> for a header already there.
    /// </summary>
    public static void AddIdsIfMissing(HttpRequestMessage request, out string? addedRequestId, out string? addedCorrelationId)
    {
        var headers = request.Headers;
        addedRequestId = null;
        addedCorrelationId = null;
        if (!headers.Contains(RequestId))
        {
            addedRequestId = RequestIdGenerator.NewId();
            headers.TryAddWithoutValidation(RequestId, addedRequestId);
        }

        if (!headers.Contains(CorrelationId))
        {
            addedCorrelationId = RequestIdGenerator.NewId();
            headers.TryAddWithoutValidation(CorrelationId, addedCorrelationId);
        }
    }

    /// <summary>
    /// The first value of a header from the response, else from the request, when it has the shape the header has
    /// (<see cref="WellFormed"/>); any other value (an email, a token, control characters) is dropped.
    /// </summary>
    public static string? Get(HttpResponseMessage? response, HttpRequestMessage? request, string name) =>
        FirstWellFormed(response?.Headers, name) ?? FirstWellFormed(request?.Headers, name);

    /// <summary>
    /// The value when it has the shape of the header: a GUID for <c>MS-RequestId</c> and <c>MS-CorrelationId</c>
    /// (32, 36 or 38 characters, as <see cref="Guid"/> writes them), a correlation vector for <c>MS-CV</c> (a base64
    /// base of at most 64 characters, then dot-separated numbers); otherwise <see langword="null"/>.
    /// </summary>
    public static string? WellFormed(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return name switch
        {
            RequestId or CorrelationId => IsGuid(value) ? value : null,
            CorrelationVector => IsCorrelationVector(value) ? value : null,
            _ => null,
        };
    }

    /// <summary>A GUID written as <see cref="Guid"/> writes one (<c>D</c>, <c>N</c> or <c>B</c> format), nothing around it.</summary>
    public static bool IsGuid(string value) =>
        value.Length is 32 or 36 or 38 && (Guid.TryParseExact(value, "D", out _) || Guid.TryParseExact(value, "N", out _) || Guid.TryParseExact(value, "B", out _));

    /// <summary>A correlation vector: <c>base64[.number]*</c>, at most 128 characters.</summary>
    public static bool IsCorrelationVector(string value)
    {
        if (value.Length is 0 or > 128)
        {
            return false;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var baseValue = dot < 0 ? value.AsSpan() : value.AsSpan(0, dot);
        if (baseValue.Length is 0 or > 64)
        {
            return false;
        }

        var padding = false;
        foreach (var c in baseValue)
        {
            if (c == '=')
            {
                padding = true;
            }
            else if (padding || !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }
        }

        if (dot < 0)
        {
            return true;
        }

        foreach (var range in value.AsSpan(dot + 1).Split('.'))
        {
            var element = value.AsSpan(dot + 1)[range];
            if (element.IsEmpty || element.Length > 10)
            {
                return false;
            }

            foreach (var c in element)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
            }
        }

        return true;
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

    // No out variable here: a mutation tool that flips the condition would leave it unassigned, and then skip every
    // mutant of the method as a compile error.
    private static string? FirstWellFormed(HttpHeaders? headers, string name) =>
        headers is not null && headers.NonValidated.Contains(name) ? WellFormed(name, First(headers.NonValidated[name])) : null;

    private static string? First(HeaderStringValues values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }
}
