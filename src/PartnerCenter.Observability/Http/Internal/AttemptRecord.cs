namespace PartnerCenter.Observability.Http;

/// <summary>What one HTTP attempt produced, ready to be written to the span, the metrics and the log.</summary>
internal struct AttemptRecord
{
    public string Method;
    public string Operation;
    public string? ServerAddress;
    public int? StatusCode;
    public PartnerCenterErrorClassification Classification;
    public PartnerCenterErrorCategory? Category;
    public bool IsFailure;
    public bool Retryable;
    /// <summary>The code on the span and the log: tag-safe or redacted, never capped (traces are not aggregated).</summary>
    public string? Code;

    /// <summary>The code on metrics: tag-safe codes under the per-operation cap, else <c>other</c>.</summary>
    public string? MetricCode;

    /// <summary>The span's and log's <c>error.type</c>.</summary>
    public string? ErrorType;

    /// <summary>The metrics' <c>error.type</c> when it differs from the span's (a code collapsed by the cap).</summary>
    public string? MetricErrorType;
    public string? RequestId;
    public string? CorrelationId;

    /// <summary>The request id the span was tagged with when it started: the end tags it again only when it changed.</summary>
    public string? SpanRequestId;

    /// <summary>The correlation id the span was tagged with when it started.</summary>
    public string? SpanCorrelationId;
    public string? CorrelationVector;
    public double? RetryAfterSeconds;
    public double DurationSeconds;
    public int ResendCount;
}
