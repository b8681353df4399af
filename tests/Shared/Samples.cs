using System.Diagnostics;

namespace PartnerCenter.Observability.Enrichers.Tests.Infrastructure;

/// <summary>Errors and spans the tests share.</summary>
internal static class Samples
{
    public const string RequestId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    public const string CorrelationId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    public const string Operation = "/v1/customers/{customer_id}/orders";
    public const string Template = "The catalog item isn't eligible for purchase.";

    /// <summary>A span from the Partner Center source, as the handler starts it. Listened to by this class.</summary>
    public static readonly ActivitySource PartnerCenterSource = new(PartnerCenterTelemetryNames.SourceName);

    private static readonly ActivityListener Listener = CreateListener();

    /// <summary>403 800020 "not eligible": eligibility, not retryable, with ids and a Retry-After.</summary>
    public static PartnerCenterException Eligibility(TimeSpan? retryAfter = null) => new(PartnerCenterErrorClassifier.Default.Classify(403, "800020", Template))
    {
        Method = "POST",
        Operation = Operation,
        RequestId = RequestId,
        CorrelationId = CorrelationId,
        RetryAfter = retryAfter ?? TimeSpan.FromSeconds(7),
    };

    public static Activity StartPartnerCenterSpan(string? requestId = RequestId)
    {
        GC.KeepAlive(Listener);
        var activity = PartnerCenterSource.StartActivity("POST " + Operation, ActivityKind.Client)
            ?? throw new InvalidOperationException("The Partner Center source has no listener.");
        activity.SetTag(PartnerCenterTelemetryNames.Tags.Operation, Operation);
        if (requestId is not null)
        {
            activity.SetTag(PartnerCenterTelemetryNames.Tags.RequestId, requestId);
        }

        return activity;
    }

    /// <summary>
    /// An exception graph no exhaustive walk finishes: 16 levels of <see cref="AggregateException"/>s, each holding the
    /// level below eight times (8^16 paths, built from 17 objects). It is what a cycle of inner exceptions would be to
    /// a walker, built with public constructors only (InnerException is set once, at construction, so a true cycle
    /// needs reflection into Exception's private state). With <paramref name="partnerCenter"/>, that error comes first
    /// under an outer wrapper, the tangle after it.
    /// </summary>
    public static Exception Tangle(Exception? partnerCenter = null)
    {
        Exception level = new ArgumentException("leaf");
        for (var i = 0; i < 16; i++)
        {
            level = new AggregateException(Enumerable.Repeat(level, 8));
        }

        return partnerCenter is null
            ? new InvalidOperationException("outer", level)
            : new InvalidOperationException("outer", new AggregateException(partnerCenter, level));
    }

    /// <summary>A chain of <paramref name="depth"/> wrappers around <paramref name="inner"/>.</summary>
    public static Exception Wrapped(Exception inner, int depth)
    {
        var current = inner;
        for (var i = 0; i < depth; i++)
        {
            current = new InvalidOperationException("wrapper " + i, current);
        }

        return current;
    }

    private static ActivityListener CreateListener()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PartnerCenterTelemetryNames.SourceName || source.Name == "Test.Child",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
