using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Logging;

/// <summary>The source-generated failure log. Property names are the span tag names (docs/telemetry.md).</summary>
internal static partial class PartnerCenterLog
{
    [LoggerMessage(EventId = 1, EventName = "PartnerCenterCallFailed", Message = "Partner Center {http.request.method} {partner_center.operation} failed: {http.response.status_code} {partner_center.error.code} ({partner_center.error.category}) {partner_center.error.description}")]
    public static partial void CallFailed(
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

    [LoggerMessage(EventId = 2, EventName = "PartnerCenterCallSucceeded", Level = LogLevel.Debug, Message = "Partner Center {http.request.method} {partner_center.operation} returned {http.response.status_code}")]
    public static partial void CallSucceeded(
        ILogger logger,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpRequestMethod)] string method,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int statusCode);
}
