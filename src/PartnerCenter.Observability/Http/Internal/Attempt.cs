using System.Diagnostics;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// One observed HTTP attempt: what the handler learns of it, written once to the span, the metrics and the log. A local
/// of the handler's one async method, passed by reference: it costs no allocation of its own.
/// </summary>
internal struct Attempt(PartnerCenterTelemetryOptions options, PartnerCenterTelemetryState.Snapshot snapshot, string method)
{
    public PartnerCenterTelemetryOptions Options { get; } = options;

    public PartnerCenterTelemetryState.Snapshot Snapshot { get; } = snapshot;

    public string Method { get; } = method;

    public string Operation { get; set; } = PartnerCenterTelemetryNames.Values.Other;

    public Activity? Activity { get; set; }

    public long Started { get; set; }

    public string? ServerAddress { get; set; }

    public int ResendCount { get; set; }

    public string? RequestId { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>The request id the span was tagged with when it started: the end tags it again only when it changed.</summary>
    public string? SpanRequestId { get; set; }

    /// <summary>The correlation id the span was tagged with when it started.</summary>
    public string? SpanCorrelationId { get; set; }

    public string? CorrelationVector { get; set; }

    public double? RetryAfterSeconds { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>The classification of an error response (default for a success or an exception).</summary>
    public PartnerCenterErrorClassification Classification { get; set; }

    public PartnerCenterErrorCategory? Category { get; set; }

    public bool IsFailure { get; set; }

    public bool Retryable { get; set; }

    /// <summary>
    /// The error code as spans and logs carry it (tag-safe or redacted, never capped: traces are not aggregated); the
    /// metrics derive their capped form from the classification where they write it.
    /// </summary>
    public string? Code { get; set; }

    /// <summary><c>error.type</c> set by the handler: the exception's type, or <c>cancelled</c> when the caller cancelled.</summary>
    public string? ExceptionType { get; set; }

    public double DurationSeconds { get; set; }

    /// <summary><c>error.type</c> for spans and logs: the code or the status of a failed response, else the exception's.</summary>
    public readonly string? ErrorType => ExceptionType ?? (IsFailure && StatusCode is { } status ? Telemetry.FailureRules.ForResponse(Code, status) : null);
}
