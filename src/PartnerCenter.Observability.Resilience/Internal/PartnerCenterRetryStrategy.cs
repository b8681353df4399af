using System.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using PartnerCenter.Observability.Diagnostics;
using PartnerCenter.Observability.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Resilience;

/// <summary>
/// The callbacks of one client's standard pipeline: which outcomes to retry and break on, how long to wait, and what to
/// record when a retry is decided.
/// </summary>
internal sealed class PartnerCenterRetryStrategy
{
    private readonly HttpStandardResilienceOptions _pipeline;
    private readonly TimeSpan _maxRetryAfter;
    private readonly TimeProvider _timeProvider;
    private readonly PartnerCenterOperationResolver _operations;
    private readonly PartnerCenterRetryInstruments _instruments;

    public PartnerCenterRetryStrategy(
        HttpStandardResilienceOptions pipeline,
        TimeSpan maxRetryAfter,
        TimeProvider timeProvider,
        PartnerCenterOperationResolver operations,
        PartnerCenterRetryInstruments instruments)
    {
        _pipeline = pipeline;
        _maxRetryAfter = maxRetryAfter;
        _timeProvider = timeProvider;
        _operations = operations;
        _instruments = instruments;
    }

    /// <summary>Points the standard options at this strategy and applies the Partner Center settings.</summary>
    public static void Apply(HttpStandardResilienceOptions pipeline, PartnerCenterResilienceOptions settings, PartnerCenterRetryStrategy strategy)
    {
        pipeline.TotalRequestTimeout.Timeout = settings.TotalRequestTimeout;
        pipeline.AttemptTimeout.Timeout = settings.AttemptTimeout;

        // The standard validation wants the breaker to sample at least two attempt timeouts.
        var sampling = settings.AttemptTimeout * 2;
        if (pipeline.CircuitBreaker.SamplingDuration < sampling)
        {
            pipeline.CircuitBreaker.SamplingDuration = sampling;
        }

        pipeline.CircuitBreaker.ShouldHandle = strategy.ShouldBreak;
        pipeline.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
        pipeline.Retry.ShouldHandle = strategy.ShouldRetry;

        // ShouldRetryAfterHeader installs its own generator (system clock, no cap): ours replaces it.
        pipeline.Retry.ShouldRetryAfterHeader = false;
        pipeline.Retry.DelayGenerator = strategy.GenerateDelay;
    }

    /// <summary>
    /// Retry what the classifier calls retryable, unless the response's Retry-After (capped) would end after the total
    /// budget of the logical call: then the caller gets the response now rather than a timeout later.
    /// </summary>
    public ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var request = RequestOf(args.Context, args.Outcome.Result);
        if (args.Outcome.Exception is not BrokenCircuitException)
        {
            // An attempt the open circuit refused was never sent: it does not count.
            request?.Options.Set(ResilienceRequestOptions.Attempts, args.AttemptNumber + 1);
        }

        if (!PartnerCenterRetry.IsRetryable(args.Outcome, args.Context.CancellationToken))
        {
            return ValueTask.FromResult(false);
        }

        if (args.Outcome.Result is { } response
            && PartnerCenterRetry.RetryAfter(response, _maxRetryAfter, _timeProvider) is { } delay
            && request is not null
            && request.Options.TryGetValue(ResilienceRequestOptions.CallStarted, out var started))
        {
            var remaining = _pipeline.TotalRequestTimeout.Timeout - _timeProvider.GetElapsedTime(started);
            return ValueTask.FromResult(delay < remaining);
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask<TimeSpan?> GenerateDelay(RetryDelayGeneratorArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(args.Outcome.Result is { } response ? PartnerCenterRetry.RetryAfter(response, _maxRetryAfter, _timeProvider) : null);

    /// <summary>
    /// The breaker counts transient failures (5xx, network failures, attempt timeouts) but not 429: throttling is paced
    /// by Retry-After, and counting it would turn a throttle storm into <see cref="BrokenCircuitException"/>s.
    /// </summary>
    public ValueTask<bool> ShouldBreak(CircuitBreakerPredicateArguments<HttpResponseMessage> args)
    {
        var outcome = args.Outcome;
        var breaks = outcome.Exception is { } exception
            ? PartnerCenterRetry.IsTransient(exception, args.Context.CancellationToken)
            : outcome.Result is { } response && (int)response.StatusCode is >= 400 and not 429 && PartnerCenterRetry.Classify(response, request: null).IsRetryable;
        return ValueTask.FromResult(breaks);
    }

    /// <summary>
    /// A retry was decided: mark the request with the number of the next attempt (the telemetry handler tags its span with
    /// <c>http.request.resend_count</c>) and count the retry, by the category and operation of the attempt retried.
    /// </summary>
    public ValueTask OnRetry(OnRetryArguments<HttpResponseMessage> args)
    {
        try
        {
            var request = RequestOf(args.Context, args.Outcome.Result);
            request?.Options.Set(PartnerCenterRequestKeys.ResendCount, args.AttemptNumber + 1);

            var category = args.Outcome.Result is { } response
                ? PartnerCenterRetry.Classify(response, request).Category
                : PartnerCenterErrorCategory.Transient;
            var retries = _instruments.Retries;
            if (retries.Enabled)
            {
                retries.Add(1, new TagList
                {
                    { Names.ErrorCategory, category.ToTagValue() },
                    { Names.Operation, OperationOf(request) },
                });
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("retry", ex);
        }

        return ValueTask.CompletedTask;
    }

    private static HttpRequestMessage? RequestOf(ResilienceContext context, HttpResponseMessage? response) =>
        context.GetRequestMessage() ?? response?.RequestMessage;

    private string OperationOf(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return PartnerCenterTelemetryNames.Values.Other;
        }

        // The attempt's operation as the telemetry handler resolved it, else the logical call's, else resolved here.
        if (request.Options.TryGetValue(PartnerCenterRequestKeys.ResolvedOperation, out var resolved)
            || request.Options.TryGetValue(ResilienceRequestOptions.Operation, out resolved))
        {
            return resolved;
        }

        return _operations.Resolve(request);
    }
}
