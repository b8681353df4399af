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
    public string? Code;
    public string? ErrorType;
    public string? RequestId;
    public string? CorrelationId;
    public string? CorrelationVector;
    public double? RetryAfterSeconds;
    public double DurationSeconds;
    public int ResendCount;
}
