using System.Net.Http.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Diagnostics;
using PartnerCenter.Observability.Telemetry;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Observes each HTTP attempt to Partner Center: one span, one duration measurement, and for failures one error count
/// and one log. Reads error bodies within a size and time limit and hands the caller the same bytes; never touches a
/// success response; never lets an exception of its own reach the caller.
/// </summary>
internal sealed class PartnerCenterTelemetryHandler : DelegatingHandler
{
    private static readonly Action<HttpMetricsEnrichmentContext> EnrichRuntimeMetrics = static context =>
    {
        if (context.Request.Options.TryGetValue(PartnerCenterRequestKeys.ResolvedOperation, out var operation))
        {
            context.AddCustomTag(Names.Operation, operation);
        }
    };

    private readonly IOptionsMonitor<PartnerCenterTelemetryOptions> _options;
    private readonly PartnerCenterTelemetryState _state;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly bool _filterByHost;
    private readonly string? _optionsName;

    /// <param name="options">The options.</param>
    /// <param name="state">The shared state.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="filterByHost">Whether only requests to the configured hosts are observed.</param>
    /// <param name="optionsName">The client whose named options apply; <see langword="null"/> for the app-wide options.</param>
    public PartnerCenterTelemetryHandler(
        IOptionsMonitor<PartnerCenterTelemetryOptions> options,
        PartnerCenterTelemetryState state,
        ILogger logger,
        TimeProvider timeProvider,
        bool filterByHost,
        string? optionsName = null)
    {
        _optionsName = optionsName;
        _options = options;
        _state = state;
        _logger = logger;
        _timeProvider = timeProvider;
        _filterByHost = filterByHost;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        PartnerCenterTelemetryState.Snapshot? snapshot = null;
        Attempt attempt = default;
        var observed = false;
        try
        {
            var options = _optionsName is null ? _options.CurrentValue : _options.Get(_optionsName);
            var current = _state.For(options);
            if (_filterByHost && !current.Hosts.IsMatch(request.RequestUri))
            {
                _state.HostWatch.Skipped(request, current.Operations, _logger);
            }
            else
            {
                if (_filterByHost)
                {
                    _state.HostWatch.Matched();
                }

                snapshot = current;
                observed = IsAnySignalOn(options);
                if (observed)
                {
                    attempt = new Attempt(options, current, TagValues.Method(request.Method));
                    Start(request, ref attempt);
                }
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("options", ex);
        }

        try
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (observed)
            {
                RecordException(ref attempt, exception, request, cancellationToken);
                throw;
            }

            try
            {
                var failed = (int)response.StatusCode >= 400;
                if (observed)
                {
                    ReadHeaders(ref attempt, response);
                    if (failed)
                    {
                        var classification = await ReadErrorAsync(response, attempt.Snapshot.Classifier, attempt.Options, cancellationToken).ConfigureAwait(false);
                        DescribeError(ref attempt, in classification, request, cancellationToken);
                    }

                    Finish(ref attempt);
                }
                else if (snapshot is not null && snapshot.Options.AttachErrorToRequest && failed)
                {
                    // Nothing observes spans, metrics or logs: the error is still attached to the request, so that
                    // EnsurePartnerCenterSuccessAsync and the app's own code can use it without reading the body again.
                    await ErrorAttachment.AttachAsync(response, request, snapshot.Classifier, snapshot.Options.BodyReadTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                PartnerCenterEventSource.Log.InstrumentationFault("response", ex);
            }

            return response;
        }
        finally
        {
            SafeActivity.Stop(attempt.Activity, "span");
        }
    }

    private bool IsAnySignalOn(PartnerCenterTelemetryOptions options) =>
        options.AddRequestIds
        || options.EnrichHttpClientMetrics
        || PartnerCenterInstruments.ActivitySource.HasListeners()
        || _state.Instruments.AnyMetricEnabled
        || _logger.IsEnabled(options.TransientAndQuotaLogLevel)
        || _logger.IsEnabled(options.FailureLogLevel);

    private void Start(HttpRequestMessage request, ref Attempt attempt)
    {
        try
        {
            string? addedRequestId = null;
            string? addedCorrelationId = null;
            if (attempt.Options.AddRequestIds)
            {
                PartnerCenterHeaders.AddIdsIfMissing(request, out addedRequestId, out addedCorrelationId);
            }

            attempt.Operation = attempt.Snapshot.Operations.Resolve(request);
            attempt.ResendCount = request.Options.TryGetValue(PartnerCenterRequestKeys.ResendCount, out var resend) ? resend : 0;
            attempt.ServerAddress = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Host : null;
            if (attempt.Options.EnrichHttpClientMetrics)
            {
                // Once per attempt: the runtime clears a request's callbacks after each measurement, and a retry
                // pipeline sends a copy of the request (with this one's options) for each attempt.
                request.Options.Set(PartnerCenterRequestKeys.ResolvedOperation, attempt.Operation);
                HttpMetricsEnrichmentContext.AddCallback(request, EnrichRuntimeMetrics);
            }

            // Ids the handler generated are well-formed by construction; only the app's own are checked.
            attempt.RequestId = attempt.SpanRequestId = addedRequestId ?? PartnerCenterHeaders.Get(null, request, PartnerCenterHeaders.RequestId);
            attempt.CorrelationId = attempt.SpanCorrelationId = addedCorrelationId ?? PartnerCenterHeaders.Get(null, request, PartnerCenterHeaders.CorrelationId);
            attempt.Activity = AttemptRecorder.StartSpan(in attempt);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("request", ex);
        }

        attempt.Started = AttemptClock.Start(_timeProvider);
    }

    private void ReadHeaders(ref Attempt attempt, HttpResponseMessage response)
    {
        attempt.StatusCode = (int)response.StatusCode;
        attempt.RequestId = PartnerCenterHeaders.Get(response, null, PartnerCenterHeaders.RequestId) ?? attempt.RequestId;
        attempt.CorrelationId = PartnerCenterHeaders.Get(response, null, PartnerCenterHeaders.CorrelationId) ?? attempt.CorrelationId;
        attempt.CorrelationVector = PartnerCenterHeaders.Get(response, null, PartnerCenterHeaders.CorrelationVector);
        attempt.RetryAfterSeconds = PartnerCenterHeaders.RetryAfterSeconds(response, _timeProvider);
    }

    /// <summary>The bounded error-body read; a cancellation by the caller leaves the status to classify the attempt.</summary>
    private async ValueTask<PartnerCenterErrorClassification> ReadErrorAsync(HttpResponseMessage response, PartnerCenterErrorClassifier classifier, PartnerCenterTelemetryOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await ErrorBodyCapture.ReadAndClassifyAsync(response, classifier, options.BodyReadTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return PartnerCenterErrorClassifier.ClassifyStatus((int)response.StatusCode, PartnerCenterPayloadOutcome.NotRead);
        }
    }

    private void DescribeError(ref Attempt attempt, in PartnerCenterErrorClassification classification, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ErrorAttachment.Attach(request, in classification);
        attempt.Classification = classification;
        if (FailureRules.IsCallerCancellation(request, cancellationToken))
        {
            // The caller cancelled while the handler read the error body: the app gets a cancellation, so the
            // attempt is recorded as cancelled, not as an error.
            attempt.ExceptionType = PartnerCenterTelemetryNames.Values.Canceled;
            return;
        }

        attempt.IsFailure = true;
        attempt.Category = classification.Category;
        attempt.Retryable = classification.IsRetryable;
        attempt.Code = ErrorCodeTag.ForSpan(classification);
        _state.Discovery.Observe(in classification, attempt.Operation, _state.Instruments, _logger);
    }

    /// <summary>The duration covers the attempt up to the headers, and the bounded error-body read when there was one.</summary>
    private void Finish(ref Attempt attempt)
    {
        attempt.DurationSeconds = AttemptClock.ElapsedSeconds(_timeProvider, attempt.Activity, attempt.Started);
        AttemptRecorder.Record(in attempt, _state.Instruments, _logger);
    }

    private void RecordException(ref Attempt attempt, Exception exception, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            if (FailureRules.IsCallerCancellation(exception, request, cancellationToken))
            {
                // Cancelled by the caller (or HttpClient.Timeout, which arrives as the same token): not an error.
                attempt.ExceptionType = PartnerCenterTelemetryNames.Values.Canceled;
            }
            else
            {
                attempt.IsFailure = true;
                attempt.Category = PartnerCenterErrorCategory.Transient;
                attempt.Retryable = true;
                attempt.ExceptionType = FailureRules.ForException(exception);
            }

            Finish(ref attempt);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("exception", ex);
        }
    }
}
