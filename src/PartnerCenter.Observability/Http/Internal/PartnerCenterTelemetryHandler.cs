using System.Diagnostics;
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

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        PartnerCenterTelemetryOptions options;
        PartnerCenterTelemetryState.Snapshot snapshot;
        try
        {
            options = _optionsName is null ? _options.CurrentValue : _options.Get(_optionsName);
            snapshot = _state.For(options);
            if (_filterByHost)
            {
                if (!snapshot.Hosts.IsMatch(request.RequestUri))
                {
                    _state.HostWatch.Skipped(request, snapshot.Operations, _logger);
                    return base.SendAsync(request, cancellationToken);
                }

                _state.HostWatch.Matched();
            }

            if (!IsAnySignalOn(options))
            {
                return SendUnobserved(request, options, snapshot, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("options", ex);
            return base.SendAsync(request, cancellationToken);
        }

        return SendInstrumentedAsync(request, options, snapshot, cancellationToken);
    }

    private bool IsAnySignalOn(PartnerCenterTelemetryOptions options) =>
        options.AddRequestIds
        || options.EnrichHttpClientMetrics
        || PartnerCenterInstruments.ActivitySource.HasListeners()
        || _state.Instruments.AnyMetricEnabled
        || _logger.IsEnabled(options.TransientAndQuotaLogLevel)
        || _logger.IsEnabled(options.FailureLogLevel);

    /// <summary>
    /// Nothing observes spans, metrics or logs: a success passes through untouched (without even an async step when the
    /// inner handler completed synchronously); an error is still classified and attached to the request, so that
    /// <c>EnsurePartnerCenterSuccessAsync</c> and the app's own code can use it without reading the body again.
    /// </summary>
    private Task<HttpResponseMessage> SendUnobserved(HttpRequestMessage request, PartnerCenterTelemetryOptions options, PartnerCenterTelemetryState.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var sending = base.SendAsync(request, cancellationToken);
        if (!options.AttachErrorToRequest)
        {
            return sending;
        }

        if (!sending.IsCompletedSuccessfully)
        {
            return SendThenAttachErrorAsync(sending, request, options, snapshot, cancellationToken);
        }

        // Completed synchronously: a success is returned as it is; an in-memory error body needs no async step either.
        var response = sending.Result;
        if ((int)response.StatusCode < 400 || TryAttachInMemoryError(response, request, snapshot))
        {
            return sending;
        }

        var attaching = AttachErrorAsync(response, request, options, snapshot, cancellationToken);
        return attaching.IsCompletedSuccessfully ? sending : AwaitAttachingAsync(attaching, sending);
    }

    private async Task<HttpResponseMessage> SendThenAttachErrorAsync(Task<HttpResponseMessage> sending, HttpRequestMessage request, PartnerCenterTelemetryOptions options, PartnerCenterTelemetryState.Snapshot snapshot, CancellationToken cancellationToken)
    {
        var response = await sending.ConfigureAwait(false);
        if ((int)response.StatusCode >= 400 && !TryAttachInMemoryError(response, request, snapshot))
        {
            await AttachErrorAsync(response, request, options, snapshot, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>
    /// Attaches an in-memory error body without entering an async method (<see cref="ErrorAttachment.TryAttachInMemory"/>).
    /// True when done, or when it failed (reported, and the caller gets the response as it is); false for a streamed body.
    /// </summary>
    private static bool TryAttachInMemoryError(HttpResponseMessage response, HttpRequestMessage request, PartnerCenterTelemetryState.Snapshot snapshot)
    {
        try
        {
            return ErrorAttachment.TryAttachInMemory(response, request, snapshot.Classifier);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("response", ex);
            return true;
        }
    }

    private static async Task<HttpResponseMessage> AwaitAttachingAsync(ValueTask attaching, Task<HttpResponseMessage> sending)
    {
        await attaching.ConfigureAwait(false);
        return await sending.ConfigureAwait(false);
    }

    private async ValueTask AttachErrorAsync(HttpResponseMessage response, HttpRequestMessage request, PartnerCenterTelemetryOptions options, PartnerCenterTelemetryState.Snapshot snapshot, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode < 400)
        {
            return;
        }

        try
        {
            var classification = await ErrorBodyCapture.ReadAndClassifyAsync(response, snapshot.Classifier, options.BodyReadTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            ErrorAttachment.Attach(request, in classification);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("response", ex);
        }
    }

    private async Task<HttpResponseMessage> SendInstrumentedAsync(
        HttpRequestMessage request,
        PartnerCenterTelemetryOptions options,
        PartnerCenterTelemetryState.Snapshot snapshot,
        CancellationToken cancellationToken)
    {
        var record = new AttemptRecord { Method = TagValues.Method(request.Method), Operation = PartnerCenterTelemetryNames.Values.Other };
        Activity? activity = null;
        long started = 0;
        try
        {
            string? addedRequestId = null;
            string? addedCorrelationId = null;
            if (options.AddRequestIds)
            {
                PartnerCenterHeaders.AddIdsIfMissing(request, out addedRequestId, out addedCorrelationId);
            }

            record.Operation = snapshot.Operations.Resolve(request);
            record.ResendCount = request.Options.TryGetValue(PartnerCenterRequestKeys.ResendCount, out var resend) ? resend : 0;
            record.ServerAddress = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Host : null;
            if (options.EnrichHttpClientMetrics)
            {
                // Once per attempt: the runtime clears a request's callbacks after each measurement, and a retry
                // pipeline sends a copy of the request (with this one's options) for each attempt.
                request.Options.Set(PartnerCenterRequestKeys.ResolvedOperation, record.Operation);
                HttpMetricsEnrichmentContext.AddCallback(request, EnrichRuntimeMetrics);
            }

            // Ids the handler generated are well-formed by construction; only the app's own are checked.
            record.RequestId = addedRequestId ?? PartnerCenterHeaders.Get(null, request, PartnerCenterHeaders.RequestId);
            record.CorrelationId = addedCorrelationId ?? PartnerCenterHeaders.Get(null, request, PartnerCenterHeaders.CorrelationId);
            record.SpanRequestId = record.RequestId;
            record.SpanCorrelationId = record.CorrelationId;
            activity = StartActivity(in record);
            started = AttemptClock.Start(_timeProvider);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("request", ex);
            started = AttemptClock.Start(_timeProvider);
        }

        try
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                RecordException(ref record, exception, activity, started, request, options, cancellationToken);
                throw;
            }

            try
            {
                await DescribeResponseAsync(response, request, options, snapshot, ref record, activity, started, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                PartnerCenterEventSource.Log.InstrumentationFault("response", ex);
            }

            return response;
        }
        finally
        {
            SafeActivity.Stop(activity, "span");
        }
    }

    private static Activity? StartActivity(in AttemptRecord record)
    {
        var activity = SafeActivity.Start(SpanNames.Get(record.Method, record.Operation), ActivityKind.Client, "span start");
        if (activity is { IsAllDataRequested: true })
        {
            // A new span has no tags yet: AddTag appends, where SetTag would first search the list for the key.
            activity.AddTag(Names.HttpRequestMethod, record.Method);
            SpanTags.AddIfNotNull(activity, Names.ServerAddress, record.ServerAddress);
            activity.AddTag(Names.Operation, record.Operation);

            // Known from the start, so that logs written inside the pipeline can pick them up from the current span.
            SpanTags.AddIfNotNull(activity, Names.RequestId, record.RequestId);
            SpanTags.AddIfNotNull(activity, Names.CorrelationId, record.CorrelationId);
        }

        return activity;
    }

    /// <summary>
    /// Reads the response headers into the record and writes the attempt. A success and an in-memory error body take no
    /// async step (no state machine, no copy of the record); only a streamed error body is awaited.
    /// </summary>
    private ValueTask DescribeResponseAsync(
        HttpResponseMessage response,
        HttpRequestMessage request,
        PartnerCenterTelemetryOptions options,
        PartnerCenterTelemetryState.Snapshot snapshot,
        ref AttemptRecord record,
        Activity? activity,
        long started,
        CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        record.StatusCode = status;
        record.RequestId = PartnerCenterHeaders.Get(response, null, PartnerCenterHeaders.RequestId) ?? record.RequestId;
        record.CorrelationId = PartnerCenterHeaders.Get(response, null, PartnerCenterHeaders.CorrelationId) ?? record.CorrelationId;
        record.CorrelationVector = PartnerCenterHeaders.Get(response, null, PartnerCenterHeaders.CorrelationVector);
        record.RetryAfterSeconds = PartnerCenterHeaders.RetryAfterSeconds(response, _timeProvider);
        if (status < 400)
        {
            Finish(ref record, activity, started, options);
            return default;
        }

        if (ErrorBodyCapture.TryClassifyInMemory(response, snapshot.Classifier, out var classification))
        {
            DescribeError(ref record, in classification, request, options, snapshot, activity, started, cancellationToken);
            return default;
        }

        return ReadThenDescribeErrorAsync(response, request, options, snapshot, record, activity, started, cancellationToken);
    }

    private async ValueTask ReadThenDescribeErrorAsync(
        HttpResponseMessage response,
        HttpRequestMessage request,
        PartnerCenterTelemetryOptions options,
        PartnerCenterTelemetryState.Snapshot snapshot,
        AttemptRecord record,
        Activity? activity,
        long started,
        CancellationToken cancellationToken)
    {
        PartnerCenterErrorClassification classification;
        try
        {
            classification = await ErrorBodyCapture.ReadAndClassifyAsync(response, snapshot.Classifier, options.BodyReadTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            classification = PartnerCenterErrorClassifier.ClassifyStatus((int)response.StatusCode, PartnerCenterPayloadOutcome.NotRead);
        }

        DescribeError(ref record, in classification, request, options, snapshot, activity, started, cancellationToken);
    }

    private void DescribeError(
        ref AttemptRecord record,
        in PartnerCenterErrorClassification classification,
        HttpRequestMessage request,
        PartnerCenterTelemetryOptions options,
        PartnerCenterTelemetryState.Snapshot snapshot,
        Activity? activity,
        long started,
        CancellationToken cancellationToken)
    {
        ErrorAttachment.Attach(request, in classification);
        record.Classification = classification;
        if (FailureRules.IsCallerCancellation(request, cancellationToken))
        {
            // The caller cancelled while the handler read the error body: the app gets a cancellation, so the
            // attempt is recorded as cancelled, not as an error.
            record.ErrorType = PartnerCenterTelemetryNames.Values.Canceled;
            Finish(ref record, activity, started, options);
            return;
        }

        var status = classification.StatusCode;
        record.IsFailure = true;
        record.Category = classification.Category;
        record.Retryable = classification.IsRetryable;
        record.Code = ErrorCodeTag.ForSpan(classification);
        record.MetricCode = snapshot.Operations.BoundMetricCode(record.Operation, classification);
        _state.Discovery.Observe(in classification, record.Operation, _state.Instruments, _logger);
        record.ErrorType = FailureRules.ForResponse(record.Code, status);
        record.MetricErrorType = FailureRules.ForResponse(record.MetricCode, status);
        Finish(ref record, activity, started, options);
    }

    /// <summary>The duration covers the attempt up to the headers, and the bounded error-body read when there was one.</summary>
    private void Finish(ref AttemptRecord record, Activity? activity, long started, PartnerCenterTelemetryOptions options)
    {
        record.DurationSeconds = AttemptClock.ElapsedSeconds(_timeProvider, activity, started);
        AttemptRecorder.Record(in record, activity, _state.Instruments, _logger, options);
    }

    private void RecordException(
        ref AttemptRecord record,
        Exception exception,
        Activity? activity,
        long started,
        HttpRequestMessage request,
        PartnerCenterTelemetryOptions options,
        CancellationToken cancellationToken)
    {
        try
        {
            record.DurationSeconds = AttemptClock.ElapsedSeconds(_timeProvider, activity, started);
            if (FailureRules.IsCallerCancellation(exception, request, cancellationToken))
            {
                // Cancelled by the caller (or HttpClient.Timeout, which arrives as the same token): not an error.
                record.ErrorType = PartnerCenterTelemetryNames.Values.Canceled;
            }
            else
            {
                record.IsFailure = true;
                record.Category = PartnerCenterErrorCategory.Transient;
                record.Retryable = true;
                record.ErrorType = FailureRules.ForException(exception);
            }

            AttemptRecorder.Record(in record, activity, _state.Instruments, _logger, options);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("exception", ex);
        }
    }
}
