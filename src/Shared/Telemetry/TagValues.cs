using System.Globalization;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>Pre-built tag values, so that recording a status or a method does not allocate.</summary>
internal static class TagValues
{
    private static readonly object[] BoxedStatus = [.. Enumerable.Range(0, 600).Select(i => (object)i)];
    private static readonly string[] StatusText = [.. Enumerable.Range(0, 600).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    private const string Other = "_OTHER";
    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>The value of an HTTP status tag: the status when it is 100 to 599 (the HTTP range), else <c>_OTHER</c>.</summary>
    public static object Status(int status) => IsHttpStatus(status) ? BoxedStatus[status] : Other;

    /// <summary>The status as text for <c>error.type</c>: 100 to 599, else <c>_OTHER</c>.</summary>
    public static string StatusString(int status) => IsHttpStatus(status) ? StatusText[status] : Other;

    /// <summary>A small count (a resend count, a number of attempts) as a boxed tag value, without allocating.</summary>
    public static object Count(int value) => (uint)value < BoxedStatus.Length ? BoxedStatus[value] : value;

    private static bool IsHttpStatus(int status) => status is >= 100 and <= 599;

    public static object Boolean(bool value) => value ? True : False;

    /// <summary>The method as a known constant (never the raw value of an unknown method: that would be unbounded).</summary>
    public static string Method(HttpMethod method) => method.Method switch
    {
        "GET" => "GET",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        _ => "_OTHER",
    };

    /// <summary>The <c>error.type</c> of an exception: the runtime's HttpRequestError in snake_case, <c>timeout</c>, or the exception type.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => http.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "name_resolution_error",
            HttpRequestError.ConnectionError => "connection_error",
            HttpRequestError.SecureConnectionError => "secure_connection_error",
            HttpRequestError.HttpProtocolError => "http_protocol_error",
            HttpRequestError.ExtendedConnectNotSupported => "extended_connect_not_supported",
            HttpRequestError.VersionNegotiationError => "version_negotiation_error",
            HttpRequestError.UserAuthenticationError => "user_authentication_error",
            HttpRequestError.ProxyTunnelError => "proxy_tunnel_error",
            HttpRequestError.InvalidResponse => "invalid_response",
            HttpRequestError.ResponseEnded => "response_ended",
            HttpRequestError.ConfigurationLimitExceeded => "configuration_limit_exceeded",
            _ => "http_request_error",
        },
        TimeoutException or OperationCanceledException => "timeout",
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };
}
