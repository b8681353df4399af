using System.Net.Http.Headers;

namespace PartnerCenter.Observability.Http;

/// <summary>Partner Center request and response headers.</summary>
internal static class PartnerCenterHeaders
{
    public const string RequestId = "MS-RequestId";
    public const string CorrelationId = "MS-CorrelationId";
    public const string CorrelationVector = "MS-CV";

    private const int GuidLength = 36;
    private const int MaxCorrelationVectorLength = 128;

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
    /// The value when it is in the grammar of the header, as received (nothing trimmed): a canonical GUID for
    /// <c>MS-RequestId</c> and <c>MS-CorrelationId</c> (exactly 36 characters, 8-4-4-4-12 hexadecimal digits and ASCII
    /// hyphens), a correlation vector for <c>MS-CV</c> (<see cref="IsCorrelationVector"/>); otherwise <see langword="null"/>.
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

    /// <summary>Exactly 36 characters: 8-4-4-4-12 ASCII hexadecimal digits joined by ASCII hyphens (no padding, braces or other form).</summary>
    public static bool IsGuid(string value)
    {
        if (value.Length != GuidLength)
        {
            return false;
        }

        for (var i = 0; i < GuidLength; i++)
        {
            if (i is 8 or 13 or 18 or 23 ? value[i] != '-' : !char.IsAsciiHexDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A correlation vector in its grammar: a base of exactly 16 or 22 base64 characters (<c>A-Z a-z 0-9 + /</c>, no
    /// padding), then one or more elements of a dot and 1 to 10 digits; at most 128 characters in all. A credential
    /// or a key in base64 (longer, padded, or without elements) is not one.
    /// </summary>
    public static bool IsCorrelationVector(string value)
    {
        if (value.Length > MaxCorrelationVectorLength)
        {
            return false;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot is not (16 or 22) || dot == value.Length - 1)
        {
            return false;
        }

        foreach (var c in value.AsSpan(0, dot))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }
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
