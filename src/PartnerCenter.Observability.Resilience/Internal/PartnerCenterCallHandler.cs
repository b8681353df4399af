using System.Diagnostics;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Diagnostics;
using PartnerCenter.Observability.Http;
using PartnerCenter.Observability.Telemetry;
using Polly.Timeout;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Resilience;

/// <summary>
/// Sits outside the resilience handler and sees each logical call once, whatever the number of attempts: it fixes the
/// call's MS-RequestId and MS-CorrelationId before the first attempt, hands the caller's token to the telemetry handler
/// (so that an attempt timeout is told apart from the caller's cancellation), and records the logical call as a span of
/// kind Internal whose children are the attempt spans. It records no metric: attempts and retries are counted elsewhere.
/// </summary>
internal sealed class PartnerCenterCallHandler : DelegatingHandler
{
    /// <summary>How many attempts the logical call made.</summary>
    public const string AttemptsTag = "partner_center.attempts";

    private readonly IOptionsMonitor<PartnerCenterTelemetryOptions> _options;
    private readonly PartnerCenterOperationResolver _operations;
    private readonly TimeProvider _timeProvider;

    public PartnerCenterCallHandler(IOptionsMonitor<PartnerCenterTelemetryOptions> options, PartnerCenterOperationResolver operations, TimeProvider timeProvider)
    {
        _options = options;
        _operations = operations;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var activity = Prepare(request, cancellationToken);
        try
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (activity is not null)
            {
                RecordException(activity, request, exception, cancellationToken);
                throw;
            }

            if (activity is not null)
            {
                RecordResponse(activity, request, response);
            }

            return response;
        }
        finally
        {
            SafeActivity.Stop(activity, "call span");
        }
    }

    private Activity? Prepare(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var options = _options.CurrentValue;
            request.Options.Set(PartnerCenterRequestKeys.CallerCancellation, cancellationToken);
            request.Options.Set(PartnerCenterRequestKeys.ResendCount, 0);
            request.Options.Set(ResilienceRequestOptions.CallStarted, _timeProvider.GetTimestamp());
            if (options.AddRequestIds)
            {
                // Once per logical call, so that every attempt carries the same idempotency key whatever happens inside.
                PartnerCenterHeaders.AddIdsIfMissing(request);
            }

            var operation = _operations.Resolve(request);
            request.Options.Set(ResilienceRequestOptions.Operation, operation);
            return StartActivity(request, operation);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("call", ex);
            return null;
        }
    }

    private static Activity? StartActivity(HttpRequestMessage request, string operation)
    {
        var activity = SafeActivity.Start(SpanNames.Get(TagValues.Method(request.Method), operation), ActivityKind.Internal, "call span start");
        if (activity is { IsAllDataRequested: true })
        {
            // No http.* or server.* attributes: those belong to the attempt spans (OpenTelemetry HTTP conventions).
            activity.SetTag(Names.Operation, operation);
            activity.SetTag(Names.RequestId, PartnerCenterHeaders.Get(null, request, PartnerCenterHeaders.RequestId));
        }

        return activity;
    }

    private static void RecordResponse(Activity activity, HttpRequestMessage request, HttpResponseMessage response)
    {
        try
        {
            if (!activity.IsAllDataRequested)
            {
                return;
            }

            SetAttempts(activity, request);
            var status = (int)response.StatusCode;
            if (status < 400)
            {
                return;
            }

            var classification = PartnerCenterRetry.Classify(response, request);
            // A span keeps the code past the metrics' per-operation cap (traces are not aggregated); only its shape is checked.
            var code = ErrorCodeTag.ForSpan(classification);
            activity.SetTag(Names.ErrorCode, code);
            activity.SetTag(Names.ErrorCategory, classification.Category.ToTagValue());
            activity.SetTag(Names.Retryable, TagValues.Boolean(classification.IsRetryable));
            activity.SetTag(Names.ErrorType, FailureRules.ForResponse(code, status));
            activity.SetStatus(ActivityStatusCode.Error);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("call span", ex);
        }
    }

    private static void RecordException(Activity activity, HttpRequestMessage request, Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            if (!activity.IsAllDataRequested)
            {
                return;
            }

            SetAttempts(activity, request);
            if (FailureRules.IsCallerCancellation(exception, request, cancellationToken))
            {
                // Cancelled by the caller (or HttpClient.Timeout): not an error, as on the attempt spans.
                activity.SetTag(Names.ErrorType, PartnerCenterTelemetryNames.Values.Canceled);
                return;
            }

            activity.SetTag(Names.ErrorCategory, PartnerCenterErrorCategory.Transient.ToTagValue());
            activity.SetTag(Names.Retryable, TagValues.Boolean(true));
            activity.SetTag(Names.ErrorType, exception is TimeoutRejectedException ? "timeout" : FailureRules.ForException(exception));
            activity.SetStatus(ActivityStatusCode.Error);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("call span", ex);
        }
    }

    private static void SetAttempts(Activity activity, HttpRequestMessage request)
    {
        // Counted by the retry predicate; when the app replaced it, by the retries decided.
        var attempts = request.Options.TryGetValue(ResilienceRequestOptions.Attempts, out var completed) ? completed
            : request.Options.TryGetValue(PartnerCenterRequestKeys.ResendCount, out var resends) ? resends + 1
            : 1;
        activity.SetTag(AttemptsTag, TagValues.Count(attempts));
    }
}
