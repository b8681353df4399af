using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Errors;

/// <summary>
/// A Partner Center error found in an exception, as the values of the log properties and attributes the enrichers add
/// (the span tag names of docs/telemetry.md). Every value is bounded and telemetry-safe.
/// </summary>
internal readonly struct PartnerCenterErrorInfo
{
    /// <summary>The HTTP status, when known.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The error code: catalogued codes as they are, other codes when tag-safe, else a redacted form (<see cref="ErrorCodeTag"/>).</summary>
    public string? Code { get; init; }

    public PartnerCenterErrorCategory Category { get; init; }

    public bool IsRetryable { get; init; }

    /// <summary>The template form of the description, or a redacted one; never the raw text.</summary>
    public string? Description { get; init; }

    public string? RequestId { get; init; }

    public string? CorrelationId { get; init; }

    public double? RetryAfterSeconds { get; init; }

    /// <summary>The code when known, else the status, else the exception type (as the span's <c>error.type</c>).</summary>
    public string ErrorType { get; init; }

    /// <summary>The operation, when the exception carries one.</summary>
    public string? Operation { get; init; }

    public static PartnerCenterErrorInfo From(
        PartnerCenterErrorClassification classification,
        string? requestId,
        string? correlationId,
        double? retryAfterSeconds,
        string? operation,
        Type exceptionType)
    {
        var status = classification.StatusCode >= 400 ? classification.StatusCode : (int?)null;
        var code = ErrorCodeTag.ForSpan(classification);
        return new PartnerCenterErrorInfo
        {
            StatusCode = status,
            Code = code,
            Category = classification.Category,
            IsRetryable = classification.IsRetryable,
            Description = classification.Description,
            RequestId = Http.PartnerCenterHeaders.WellFormed(Http.PartnerCenterHeaders.RequestId, requestId),
            CorrelationId = Http.PartnerCenterHeaders.WellFormed(Http.PartnerCenterHeaders.CorrelationId, correlationId),
            RetryAfterSeconds = retryAfterSeconds,
            ErrorType = code ?? (status is { } s ? TagValues.StatusString(s) : exceptionType.FullName ?? exceptionType.Name),
            Operation = operation,
        };
    }
}
