using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Discovery;

/// <summary>The source-generated unknown-code discovery event. Property names are the span tag names (docs/telemetry.md).</summary>
internal static partial class UncatalogedCodeLog
{
    [LoggerMessage(EventId = 3, EventName = "PartnerCenterUncatalogedCode", Level = LogLevel.Information, Message = "Partner Center answered {http.response.status_code} with error code {partner_center.error.code}, which the catalogue does not know at that status, on {partner_center.operation}: \"{partner_center.error.description}\" (classified {partner_center.error.category}). Add a category override or a catalogue row (docs/error-categories.md).")]
    public static partial void Discovered(
        ILogger logger,
        [TagName(PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode)] int statusCode,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCode)] string code,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorDescription)] string? description,
        [TagName(PartnerCenterTelemetryNames.Tags.Operation)] string operation,
        [TagName(PartnerCenterTelemetryNames.Tags.ErrorCategory)] string category);
}
