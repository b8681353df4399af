using System.Diagnostics;
using System.Reflection;

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

    /// <summary>Two exceptions that are each other's inner exception.</summary>
    public static Exception Cycle(Exception? partnerCenter = null)
    {
        var first = new InvalidOperationException("first");
        var second = partnerCenter ?? new ArgumentException("second");
        var field = typeof(Exception).GetField("_innerException", BindingFlags.Instance | BindingFlags.NonPublic)!;
        field.SetValue(first, second);
        field.SetValue(second, first);
        return first;
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
