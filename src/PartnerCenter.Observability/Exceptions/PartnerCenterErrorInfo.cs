using PartnerCenter.Observability.Errors;
using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability;

/// <summary>
/// A Partner Center error found in an exception chain, as the telemetry-safe values the log enrichers add (the tag
/// names of <see cref="PartnerCenterTelemetryNames.Tags"/>). Every value is bounded: a code that is not a real Partner
/// Center code is redacted, the description is in template or redacted form, the ids are kept only when well formed.
/// Use <see cref="TryFind(Exception?, out PartnerCenterErrorInfo)"/> to enrich the logs of a logging stack this
/// library has no enricher for.
/// </summary>
public readonly struct PartnerCenterErrorInfo
{
    /// <summary>Gets the HTTP error status (400 or above), or 0 when the exception chain gives none (as in a default <see cref="PartnerCenterErrorClassification"/>).</summary>
    public int StatusCode { get; internal init; }

    /// <summary>Gets the error code: catalogued codes as they are, other codes when tag-safe, else a redacted form.</summary>
    public string? Code { get; internal init; }

    /// <summary>Gets the category.</summary>
    public PartnerCenterErrorCategory Category { get; internal init; }

    /// <summary>Gets a value indicating whether the server or the category rules make the failed request retryable.</summary>
    public bool IsRetryable { get; internal init; }

    /// <summary>Gets the template form of the description, or a redacted one; never the raw text.</summary>
    public string? Description { get; internal init; }

    /// <summary>Gets the MS-RequestId of the failed call, when well formed: the id Microsoft support asks for.</summary>
    public string? RequestId { get; internal init; }

    /// <summary>Gets the MS-CorrelationId of the failed call, when well formed.</summary>
    public string? CorrelationId { get; internal init; }

    /// <summary>Gets the server's Retry-After, when it sent one (as <see cref="PartnerCenterException.RetryAfter"/>).</summary>
    public TimeSpan? RetryAfter { get; internal init; }

    /// <summary>Gets the code when known, else the status, else the exception type (as the span's <c>error.type</c>).</summary>
    public string ErrorType { get; internal init; }

    /// <summary>Gets the operation, when the exception carries one.</summary>
    public string? Operation { get; internal init; }

    /// <summary>
    /// Finds a Partner Center error in <paramref name="exception"/> and its inner exceptions (those of an
    /// <see cref="AggregateException"/> too), outermost first: a <see cref="PartnerCenterException"/>, an exception of
    /// the archived Partner Center SDK (recognized by its shape), or, when nothing richer is in the chain, an
    /// <see cref="HttpRequestException"/> with a status code. Cycles and very deep chains are cut off. Never throws.
    /// </summary>
    /// <param name="exception">The exception a log event carries, or <see langword="null"/>.</param>
    /// <param name="info">The error found, or the default value.</param>
    /// <returns>Whether a Partner Center error was found.</returns>
    public static bool TryFind(Exception? exception, out PartnerCenterErrorInfo info) => PartnerCenterErrorLocator.TryFind(exception, out info);

    /// <summary>
    /// Finds a Partner Center error in <paramref name="exception"/> as <see cref="TryFind(Exception?, out PartnerCenterErrorInfo)"/>
    /// does, classifying what the chain does not carry already classified (an exception of the archived SDK) with
    /// <paramref name="classifier"/>, such as the app's registered classifier with its category overrides.
    /// </summary>
    /// <param name="exception">The exception a log event carries, or <see langword="null"/>.</param>
    /// <param name="classifier">The classifier to use, or <see langword="null"/> for <see cref="PartnerCenterErrorClassifier.Default"/>.</param>
    /// <param name="info">The error found, or the default value.</param>
    /// <returns>Whether a Partner Center error was found.</returns>
    public static bool TryFind(Exception? exception, PartnerCenterErrorClassifier? classifier, out PartnerCenterErrorInfo info) =>
        PartnerCenterErrorLocator.TryFind(exception, out info, classifier);

    internal static PartnerCenterErrorInfo From(
        PartnerCenterErrorClassification classification,
        string? requestId,
        string? correlationId,
        TimeSpan? retryAfter,
        string? operation,
        Type exceptionType)
    {
        var status = classification.IsError ? classification.StatusCode : 0;
        var code = ErrorCodeTag.ForSpan(classification);
        return new PartnerCenterErrorInfo
        {
            StatusCode = status,
            Code = code,
            Category = classification.Category,
            IsRetryable = classification.IsRetryable,
            Description = classification.Description,
            RequestId = PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.RequestId, requestId),
            CorrelationId = PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.CorrelationId, correlationId),
            RetryAfter = retryAfter,
            ErrorType = code ?? (status > 0 ? TagValues.StatusString(status) : exceptionType.FullName ?? exceptionType.Name),
            Operation = operation,
        };
    }
}
