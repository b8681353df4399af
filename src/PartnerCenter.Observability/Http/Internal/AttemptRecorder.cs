using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Diagnostics;
using PartnerCenter.Observability.Logging;
using PartnerCenter.Observability.Telemetry;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Http;

/// <summary>Writes one attempt to the span, the metrics and the failure log. Each signal is guarded on its own.</summary>
internal static class AttemptRecorder
{
    /// <summary>Starts the attempt's span with what is known before the call.</summary>
    public static Activity? StartSpan(in Attempt attempt)
    {
        var activity = SafeActivity.Start(SpanNames.Get(attempt.Method, attempt.Operation), ActivityKind.Client, "span start");
        if (activity is { IsAllDataRequested: true })
        {
            // A new span has no tags yet: AddTag appends, where SetTag would first search the list for the key.
            activity.AddTag(Names.HttpRequestMethod, attempt.Method);
            AddIfNotNull(activity, Names.ServerAddress, attempt.ServerAddress);
            activity.AddTag(Names.Operation, attempt.Operation);

            // Known from the start, so that logs written inside the pipeline can pick them up from the current span.
            AddIfNotNull(activity, Names.RequestId, attempt.RequestId);
            AddIfNotNull(activity, Names.CorrelationId, attempt.CorrelationId);
        }

        return activity;
    }

    public static void Record(in Attempt record, PartnerCenterInstruments instruments, ILogger logger)
    {
        try
        {
            if (record.Activity is { } activity)
            {
                WriteSpan(in record, activity);
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("span", ex);
        }

        try
        {
            WriteMetrics(in record, instruments);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("metrics", ex);
        }

        try
        {
            WriteLog(in record, logger, record.Options);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("log", ex);
        }
    }

    private static void WriteSpan(in Attempt record, Activity activity)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        // Each tag below is new to this span (the start wrote method, address, operation and the request's ids), so it is
        // appended without a search; an id is written again only when the response carried another one.
        AddIfNotNull(activity, Names.HttpResponseStatusCode, record.StatusCode is { } status ? TagValues.Status(status) : null);
        AddIfNotNull(activity, Names.HttpRequestResendCount, record.ResendCount > 0 ? TagValues.Count(record.ResendCount) : null);

        if (!ReferenceEquals(record.RequestId, record.SpanRequestId))
        {
            activity.SetTag(Names.RequestId, record.RequestId);
        }

        if (!ReferenceEquals(record.CorrelationId, record.SpanCorrelationId))
        {
            activity.SetTag(Names.CorrelationId, record.CorrelationId);
        }

        AddIfNotNull(activity, Names.CorrelationVector, record.CorrelationVector);
        AddIfNotNull(activity, Names.RetryAfter, record.RetryAfterSeconds);
        AddIfNotNull(activity, Names.ErrorType, record.ErrorType);
        if (record.IsFailure)
        {
            AddIfNotNull(activity, Names.ErrorCode, record.Code);
            AddIfNotNull(activity, Names.ErrorCategory, record.Category?.ToTagValue());
            activity.AddTag(Names.Retryable, TagValues.Boolean(record.Retryable));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>
    /// The duration histogram carries only closed sets: method, operation, category on failures, and
    /// <c>error.type=cancelled</c> on cancelled attempts. Status, error code and <c>error.type</c> of failures go on the
    /// error counter only: multiplied by the buckets, they made most of the series.
    /// </summary>
    private static void WriteMetrics(in Attempt record, PartnerCenterInstruments instruments)
    {
        if (instruments.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { Names.HttpRequestMethod, record.Method },
                { Names.Operation, record.Operation },
            };
            if (!record.IsFailure && record.ExceptionType is { } cancelled)
            {
                // Only "cancelled": neither a success nor a failure, and every attempt ratio leaves it out.
                tags.Add(Names.ErrorType, cancelled);
            }

            if (record.IsFailure)
            {
                tags.Add(Names.ErrorCategory, record.Category?.ToTagValue());
            }

            instruments.RequestDuration.Record(record.DurationSeconds, tags);
        }

        if (record.IsFailure && instruments.Errors.Enabled)
        {
            instruments.Errors.Add(1, ErrorTags(in record));
        }

        if (record.RetryAfterSeconds is { } retryAfter && instruments.RetryAfter.Enabled)
        {
            var retryTags = new TagList { { Names.Operation, record.Operation } };
            if (record.StatusCode is { } code)
            {
                retryTags.Add(Names.HttpResponseStatusCode, TagValues.Status(code));
            }

            instruments.RetryAfter.Record(retryAfter, retryTags);
        }
    }

    /// <summary>
    /// The error counter's tags: operation, status, category, and the code capped per operation
    /// (<see cref="MetricCodeCap"/>) with the <c>error.type</c> made from it.
    /// </summary>
    private static TagList ErrorTags(in Attempt record)
    {
        var tags = new TagList { { Names.Operation, record.Operation } };
        var code = record.Snapshot.Codes.Bound(record.Operation, record.Classification);
        if (record.StatusCode is { } status)
        {
            tags.Add(Names.HttpResponseStatusCode, TagValues.Status(status));
            tags.Add(Names.ErrorType, FailureRules.ForResponse(code, status));
        }
        else
        {
            tags.Add(Names.ErrorType, record.ExceptionType);
        }

        tags.Add(Names.ErrorCategory, record.Category?.ToTagValue());
        if (code is not null)
        {
            tags.Add(Names.ErrorCode, code);
        }

        return tags;
    }

    private static void WriteLog(in Attempt record, ILogger logger, PartnerCenterTelemetryOptions options)
    {
        if (!record.IsFailure)
        {
            if (record.StatusCode is { } status)
            {
                PartnerCenterLog.CallSucceeded(logger, record.Method, record.Operation, status);
            }

            return;
        }

        var level = record.Category is PartnerCenterErrorCategory.Transient or PartnerCenterErrorCategory.Quota
            ? options.TransientAndQuotaLogLevel
            : options.FailureLogLevel;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var category = (record.Category ?? PartnerCenterErrorCategory.Unknown).ToTagValue();
        var errorType = record.ErrorType ?? PartnerCenterTelemetryNames.Values.Other;
        var description = record.Classification.Description;
        PartnerCenterLog.CallFailed(
            logger,
            level,
            record.Method,
            record.Operation,
            record.StatusCode,
            record.Code,
            category,
            record.Retryable,
            description,
            errorType,
            record.ServerAddress,
            record.RequestId,
            record.CorrelationId,
            record.RetryAfterSeconds);
    }

    /// <summary>Appends the tag when there is a value (the key is not on the span yet, so nothing is searched).</summary>
    private static void AddIfNotNull(Activity activity, string key, object? value)
    {
        if (value is not null)
        {
            activity.AddTag(key, value);
        }
    }
}
