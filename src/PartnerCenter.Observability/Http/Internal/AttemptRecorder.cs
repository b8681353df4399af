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
    public static void Record(in AttemptRecord record, Activity? activity, PartnerCenterInstruments instruments, ILogger logger, PartnerCenterTelemetryOptions options)
    {
        try
        {
            if (activity is not null)
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
            WriteLog(in record, logger, options);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("log", ex);
        }
    }

    private static void WriteSpan(in AttemptRecord record, Activity activity)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        // Each tag below is new to this span (the start wrote method, address, operation and the request's ids), so it is
        // appended without a search; an id is written again only when the response carried another one.
        if (record.StatusCode is { } status)
        {
            activity.AddTag(Names.HttpResponseStatusCode, TagValues.Status(status));
        }

        if (record.ResendCount > 0)
        {
            activity.AddTag(Names.HttpRequestResendCount, TagValues.Count(record.ResendCount));
        }

        if (!ReferenceEquals(record.RequestId, record.SpanRequestId))
        {
            activity.SetTag(Names.RequestId, record.RequestId);
        }

        if (!ReferenceEquals(record.CorrelationId, record.SpanCorrelationId))
        {
            activity.SetTag(Names.CorrelationId, record.CorrelationId);
        }

        SpanTags.AddIfNotNull(activity, Names.CorrelationVector, record.CorrelationVector);
        if (record.RetryAfterSeconds is { } retryAfter)
        {
            activity.AddTag(Names.RetryAfter, retryAfter);
        }

        SpanTags.AddIfNotNull(activity, Names.ErrorType, record.ErrorType);
        if (record.IsFailure)
        {
            SpanTags.AddIfNotNull(activity, Names.ErrorCode, record.Code);
            SpanTags.AddIfNotNull(activity, Names.ErrorCategory, record.Category?.ToTagValue());
            activity.AddTag(Names.Retryable, TagValues.Boolean(record.Retryable));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>
    /// The duration histogram carries only closed sets: method, operation, category on failures, and
    /// <c>error.type=cancelled</c> on cancelled attempts. Status, error code and <c>error.type</c> of failures go on the
    /// error counter only: multiplied by the buckets, they made most of the series.
    /// </summary>
    private static void WriteMetrics(in AttemptRecord record, PartnerCenterInstruments instruments)
    {
        if (instruments.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { Names.HttpRequestMethod, record.Method },
                { Names.Operation, record.Operation },
            };
            if (!record.IsFailure && record.ErrorType is { } cancelled)
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

    /// <summary>The error counter's tags: operation, status, category, the capped code and its <c>error.type</c>.</summary>
    private static TagList ErrorTags(in AttemptRecord record)
    {
        var tags = new TagList { { Names.Operation, record.Operation } };
        if (record.StatusCode is { } status)
        {
            tags.Add(Names.HttpResponseStatusCode, TagValues.Status(status));
        }

        if ((record.MetricErrorType ?? record.ErrorType) is { } errorType)
        {
            tags.Add(Names.ErrorType, errorType);
        }

        tags.Add(Names.ErrorCategory, record.Category?.ToTagValue());
        if (record.MetricCode is not null)
        {
            tags.Add(Names.ErrorCode, record.MetricCode);
        }

        return tags;
    }

    private static void WriteLog(in AttemptRecord record, ILogger logger, PartnerCenterTelemetryOptions options)
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
}
