using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Logging;

/// <summary>
/// The source-generated logs of the handler. Property names are the span tag names (docs/telemetry.md). A failed attempt
/// is logged by one of seven events (ids <see cref="FirstFailureEventId"/> to <see cref="LastFailureEventId"/>), one per
/// shape of failure, so that each reads naturally (no <c>(null)</c>, no status repeated as a code); every shape carries
/// the same properties.
/// </summary>
internal static partial class PartnerCenterLog
{
    /// <summary>The first id of the failure events.</summary>
    public const int FirstFailureEventId = 10;

    /// <summary>The last id of the failure events.</summary>
    public const int LastFailureEventId = 16;
    private const int ThrottledStatus = 429;

    /// <summary>The OpenTelemetry name of the port, on the host warning only (spans and metrics do not carry it).</summary>
    private const string ServerPortTag = "server.port";

    /// <summary>Writes the failure event in the sentence that fits what is known of the failure.</summary>
    public static void CallFailed(
        ILogger logger,
        LogLevel level,
        string method,
        string operation,
        int? statusCode,
        string? code,
        string category,
        bool retryable,
        string? description,
        string errorType,
        string? serverAddress,
        string? requestId,
        string? correlationId,
        double? retryAfterSeconds)
    {
        // A code that only repeats the status ("code": "503" on a 503) says nothing more: it is not written twice.
        var hasCode = code is not null && statusCode is { } status && !IsStatusText(code, status);
        var hasDescription = !string.IsNullOrEmpty(description);
        switch (statusCode)
        {
            case null:
                FailedWithoutResponse(logger, level, method, operation, statusCode, code, category, retryable, description, errorType, serverAddress, requestId, correlationId, retryAfterSeconds);
                break;
            case ThrottledStatus when retryAfterSeconds is null:
                ThrottledWithoutRetryAfter(logger, level, method, operation, statusCode, code, category, retryable, description, errorType, serverAddress, requestId, correlationId, retryAfterSeconds);
                break;
            case ThrottledStatus:
                Throttled(logger, level, method, operation, statusCode, code, category, retryable, description, errorType, serverAddress, requestId, correlationId, retryAfterSeconds);
                break;
            case not null when hasCode && hasDescription:
                FailedWithCode(logger, level, method, operation, statusCode, code, category, retryable, description, errorType, serverAddress, requestId, correlationId, retryAfterSeconds);
                break;
            case not null when hasCode:
                FailedWithCodeOnly(logger, level, method, operation, statusCode, code, category, retryable, description, errorType, serverAddress, requestId, correlationId, retryAfterSeconds);
                break;
            case not null when hasDescription:
                FailedWithStatus(logger, level, method, operation, statusCode, code, category, retryable, description, errorType, serverAddress, requestId, correlationId, retryAfterSeconds);
                break;
            default:
                FailedWithStatusOnly(logger, level, method, operation, statusCode, code, category, retryable, description, errorType, serverAddress, requestId, correlationId, retryAfterSeconds);
                break;
        }
    }

    [LoggerMessage(EventId = 2, EventName = "PartnerCenterCallSucceeded", Level = LogLevel.Debug, Message = "Partner Center {http.request.method} {partner_center.operation} returned {http.response.status_code}")]
    public static partial void CallSucceeded(
        ILogger logger,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int statusCode);

    [LoggerMessage(EventId = 4, EventName = "PartnerCenterHostNotInstrumented", Level = LogLevel.Warning, Message = "Partner Center telemetry skipped {http.request.method} {partner_center.operation}: {server.address}:{server.port} is not in PartnerCenterTelemetry:Hosts, so calls to it are not measured: no span, metric or failure log. (With the hosting package's one-liner, IHttpClientFactory's request logs still show them redacted: no id, user info or query.) Add that host:port to PartnerCenterTelemetry:Hosts, or call AddPartnerCenterTelemetry() on the client's IHttpClientBuilder. Logged once.")]
    public static partial void HostNotInstrumented(
        ILogger logger,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.ServerAddress)] string serverAddress,
        [TagName(ServerPortTag)] int serverPort);

    /// <summary>Whether the event is one of the failure events.</summary>
    public static bool IsCallFailed(EventId eventId) => eventId.Id is >= FirstFailureEventId and <= LastFailureEventId;

    private static bool IsStatusText(string code, int status) =>
        code.Length == 3 && code[0] - '0' == status / 100 && code[1] - '0' == status / 10 % 10 && code[2] - '0' == status % 10;

#pragma warning disable LOGGEN027 // The level is the options' (TransientAndQuotaLogLevel, FailureLogLevel).
    [LoggerMessage(EventId = 10, EventName = "PartnerCenterCallFailedWithCode", Message = "Partner Center {http.request.method} {partner_center.operation} failed with HTTP {http.response.status_code}, error {partner_center.error.code} ({partner_center.error.category}): {partner_center.error.description}")]
    private static partial void FailedWithCode(
        ILogger logger,
        LogLevel level,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int? statusCode,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCode)] string? code,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCategory)] string category,
        [TagName(PartnerCenterTelemetryNames.Tags.Retryable)] bool retryable,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorDescription)] string? description,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorType)] string errorType,
        [TagName(PartnerCenterTelemetryNames.Tags.ServerAddress)] string? serverAddress,
        [TagName(PartnerCenterTelemetryNames.Tags.RequestId)] string? requestId,
        [TagName(PartnerCenterTelemetryNames.Tags.CorrelationId)] string? correlationId,
        [TagName(PartnerCenterTelemetryNames.Tags.RetryAfter)] double? retryAfterSeconds);

    [LoggerMessage(EventId = 11, EventName = "PartnerCenterCallFailedWithCodeOnly", Message = "Partner Center {http.request.method} {partner_center.operation} failed with HTTP {http.response.status_code}, error {partner_center.error.code} ({partner_center.error.category})")]
    private static partial void FailedWithCodeOnly(
        ILogger logger,
        LogLevel level,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int? statusCode,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCode)] string? code,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCategory)] string category,
        [TagName(PartnerCenterTelemetryNames.Tags.Retryable)] bool retryable,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorDescription)] string? description,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorType)] string errorType,
        [TagName(PartnerCenterTelemetryNames.Tags.ServerAddress)] string? serverAddress,
        [TagName(PartnerCenterTelemetryNames.Tags.RequestId)] string? requestId,
        [TagName(PartnerCenterTelemetryNames.Tags.CorrelationId)] string? correlationId,
        [TagName(PartnerCenterTelemetryNames.Tags.RetryAfter)] double? retryAfterSeconds);

    [LoggerMessage(EventId = 12, EventName = "PartnerCenterCallFailedWithStatus", Message = "Partner Center {http.request.method} {partner_center.operation} failed with HTTP {http.response.status_code} ({partner_center.error.category}): {partner_center.error.description}")]
    private static partial void FailedWithStatus(
        ILogger logger,
        LogLevel level,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int? statusCode,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCode)] string? code,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCategory)] string category,
        [TagName(PartnerCenterTelemetryNames.Tags.Retryable)] bool retryable,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorDescription)] string? description,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorType)] string errorType,
        [TagName(PartnerCenterTelemetryNames.Tags.ServerAddress)] string? serverAddress,
        [TagName(PartnerCenterTelemetryNames.Tags.RequestId)] string? requestId,
        [TagName(PartnerCenterTelemetryNames.Tags.CorrelationId)] string? correlationId,
        [TagName(PartnerCenterTelemetryNames.Tags.RetryAfter)] double? retryAfterSeconds);

    [LoggerMessage(EventId = 13, EventName = "PartnerCenterCallFailedWithStatusOnly", Message = "Partner Center {http.request.method} {partner_center.operation} failed with HTTP {http.response.status_code} ({partner_center.error.category})")]
    private static partial void FailedWithStatusOnly(
        ILogger logger,
        LogLevel level,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int? statusCode,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCode)] string? code,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCategory)] string category,
        [TagName(PartnerCenterTelemetryNames.Tags.Retryable)] bool retryable,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorDescription)] string? description,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorType)] string errorType,
        [TagName(PartnerCenterTelemetryNames.Tags.ServerAddress)] string? serverAddress,
        [TagName(PartnerCenterTelemetryNames.Tags.RequestId)] string? requestId,
        [TagName(PartnerCenterTelemetryNames.Tags.CorrelationId)] string? correlationId,
        [TagName(PartnerCenterTelemetryNames.Tags.RetryAfter)] double? retryAfterSeconds);

    [LoggerMessage(EventId = 14, EventName = "PartnerCenterCallThrottled", Message = "Partner Center {http.request.method} {partner_center.operation} was throttled (HTTP {http.response.status_code}, {partner_center.error.category}); the server asks to wait {partner_center.retry_after} s")]
    private static partial void Throttled(
        ILogger logger,
        LogLevel level,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int? statusCode,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCode)] string? code,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCategory)] string category,
        [TagName(PartnerCenterTelemetryNames.Tags.Retryable)] bool retryable,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorDescription)] string? description,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorType)] string errorType,
        [TagName(PartnerCenterTelemetryNames.Tags.ServerAddress)] string? serverAddress,
        [TagName(PartnerCenterTelemetryNames.Tags.RequestId)] string? requestId,
        [TagName(PartnerCenterTelemetryNames.Tags.CorrelationId)] string? correlationId,
        [TagName(PartnerCenterTelemetryNames.Tags.RetryAfter)] double? retryAfterSeconds);

    [LoggerMessage(EventId = 15, EventName = "PartnerCenterCallThrottledWithoutRetryAfter", Message = "Partner Center {http.request.method} {partner_center.operation} was throttled (HTTP {http.response.status_code}, {partner_center.error.category}); the server sent no Retry-After")]
    private static partial void ThrottledWithoutRetryAfter(
        ILogger logger,
        LogLevel level,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int? statusCode,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCode)] string? code,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCategory)] string category,
        [TagName(PartnerCenterTelemetryNames.Tags.Retryable)] bool retryable,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorDescription)] string? description,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorType)] string errorType,
        [TagName(PartnerCenterTelemetryNames.Tags.ServerAddress)] string? serverAddress,
        [TagName(PartnerCenterTelemetryNames.Tags.RequestId)] string? requestId,
        [TagName(PartnerCenterTelemetryNames.Tags.CorrelationId)] string? correlationId,
        [TagName(PartnerCenterTelemetryNames.Tags.RetryAfter)] double? retryAfterSeconds);

    [LoggerMessage(EventId = 16, EventName = "PartnerCenterCallFailedWithoutResponse", Message = "Partner Center {http.request.method} {partner_center.operation} failed without a response: {error.type} ({partner_center.error.category})")]
    private static partial void FailedWithoutResponse(
        ILogger logger,
        LogLevel level,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int? statusCode,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCode)] string? code,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCategory)] string category,
        [TagName(PartnerCenterTelemetryNames.Tags.Retryable)] bool retryable,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorDescription)] string? description,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorType)] string errorType,
        [TagName(PartnerCenterTelemetryNames.Tags.ServerAddress)] string? serverAddress,
        [TagName(PartnerCenterTelemetryNames.Tags.RequestId)] string? requestId,
        [TagName(PartnerCenterTelemetryNames.Tags.CorrelationId)] string? correlationId,
        [TagName(PartnerCenterTelemetryNames.Tags.RetryAfter)] double? retryAfterSeconds);
#pragma warning restore LOGGEN027
}
