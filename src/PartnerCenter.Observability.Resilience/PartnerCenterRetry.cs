using PartnerCenter.Observability.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerCenter.Observability.Resilience;

/// <summary>
/// The Partner Center retry rules, for pipelines built by hand: retry exactly what the classifier calls retryable
/// (transient failures and 429, network failures, attempt timeouts), never auth, eligibility, validation, not_found,
/// conflict or quota count limits; wait as <c>Retry-After</c> says, capped.
/// </summary>
/// <remarks>
/// A response is classified by the classification the telemetry handler attached to its request
/// (<see cref="PartnerCenterRequestOptions.TryGetPartnerCenterError"/>), which reads the Partner Center error body; the telemetry handler
/// must then sit inside the retry strategy. Without it, the response is classified by its status alone
/// (<see cref="PartnerCenterErrorClassifier.ClassifyStatus"/>).
/// </remarks>
public static class PartnerCenterRetry
{
    private static readonly Func<RetryDelayGeneratorArguments<HttpResponseMessage>, ValueTask<TimeSpan?>> SystemDelayGenerator =
        CreateDelayGenerator(new PartnerCenterResilienceOptions().MaxRetryAfter, TimeProvider.System);

    /// <summary>A retry predicate: <see langword="true"/> when <see cref="IsRetryable"/> says the outcome is worth retrying.</summary>
    /// <param name="args">The arguments of the retry strategy.</param>
    /// <returns>Whether to retry.</returns>
    public static ValueTask<bool> ShouldHandle(RetryPredicateArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(IsRetryable(args.Outcome, args.Context.CancellationToken));

    /// <summary>
    /// A delay generator: the response's <c>Retry-After</c> (delta seconds, or an HTTP date measured with
    /// <see cref="TimeProvider.System"/>), capped to 60 seconds; <see langword="null"/> otherwise, so that the strategy's own
    /// backoff applies. Use <see cref="CreateDelayGenerator"/> for another cap or clock.
    /// </summary>
    /// <param name="args">The arguments of the retry strategy.</param>
    /// <returns>The delay, or <see langword="null"/> for the strategy's backoff.</returns>
    public static ValueTask<TimeSpan?> DelayGenerator(RetryDelayGeneratorArguments<HttpResponseMessage> args) => SystemDelayGenerator(args);

    /// <summary>Creates a delay generator that honours <c>Retry-After</c> up to <paramref name="maxRetryAfter"/>.</summary>
    /// <param name="maxRetryAfter">The longest delay taken from <c>Retry-After</c>; longer values are capped to it.</param>
    /// <param name="timeProvider">The clock that HTTP-date values are measured against: the pipeline's.</param>
    /// <returns>A delay generator returning <see langword="null"/> (the strategy's backoff) when there is no usable <c>Retry-After</c>.</returns>
    public static Func<RetryDelayGeneratorArguments<HttpResponseMessage>, ValueTask<TimeSpan?>> CreateDelayGenerator(TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRetryAfter, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response, maxRetryAfter, timeProvider) : null);
    }

    /// <summary>
    /// Whether an outcome is worth retrying unchanged: a response whose classification is retryable (transient, or 429;
    /// never 409), an <see cref="HttpRequestException"/> without a status or whose status is retryable, a
    /// <see cref="TimeoutRejectedException"/> (an attempt timeout), a
    /// <see cref="TimeoutException"/>, or a cancellation caused by a timeout rather than by <paramref name="cancellationToken"/>.
    /// </summary>
    /// <param name="outcome">The outcome of one attempt.</param>
    /// <param name="cancellationToken">The token of the logical call; once it is cancelled nothing is retryable.</param>
    /// <returns>Whether to retry.</returns>
    internal static bool IsRetryable(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken = default)
    {
        if (outcome.Exception is { } exception)
        {
            return IsTransient(exception, cancellationToken);
        }

        return outcome.Result is { } response && (int)response.StatusCode >= 400 && Classify(response, request: null).IsRetryable;
    }

    /// <summary>
    /// Network failures and timeouts; not the caller's cancellation. An <see cref="HttpRequestException"/> that carries a
    /// status (thrown by <c>EnsureSuccessStatusCode</c> or <c>EnsurePartnerCenterSuccessAsync</c>) is a response, not a
    /// network failure: its classification decides, so a 409 or a 400 is never retried.
    /// </summary>
    internal static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && exception switch
        {
            PartnerCenterException classified => classified.IsRetryable,
            HttpRequestException { StatusCode: { } status } => PartnerCenterErrorClassifier.ClassifyStatus((int)status).IsRetryable,
            HttpRequestException or TimeoutRejectedException or TimeoutException => true,
            OperationCanceledException { InnerException: TimeoutException } => true,
            _ => false,
        };

    /// <summary>
    /// The classification of a response: the one the telemetry handler attached to its request for this very response
    /// (same status), else by status alone.
    /// </summary>
    internal static PartnerCenterErrorClassification Classify(HttpResponseMessage response, HttpRequestMessage? request)
    {
        var status = (int)response.StatusCode;
        request ??= response.RequestMessage;
        if (request is not null && request.TryGetPartnerCenterError(out var attached) && attached.StatusCode == status)
        {
            return attached;
        }

        return PartnerCenterErrorClassifier.ClassifyStatus(status);
    }

    /// <summary>The response's Retry-After, capped; <see langword="null"/> when it has none (or an unreadable one).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeSpan max, TimeProvider timeProvider)
    {
        if (PartnerCenterHeaders.RetryAfterSeconds(response, timeProvider) is not { } seconds)
        {
            return null;
        }

        return seconds >= max.TotalSeconds ? max : TimeSpan.FromSeconds(seconds);
    }
}
