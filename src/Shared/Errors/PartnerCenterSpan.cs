using System.Diagnostics;

namespace PartnerCenter.Observability.Errors;

/// <summary>Finds the Partner Center span (ActivitySource <c>PartnerCenter.Observability</c>) a log is written in, for the log enrichers.</summary>
internal static class PartnerCenterSpan
{
    /// <summary>How many ancestors of the current activity are looked at.</summary>
    internal const int MaxAncestors = 16;

    /// <summary>The activity itself or its nearest ancestor from the Partner Center source, or <see langword="null"/>.</summary>
    public static Activity? Find(Activity? current)
    {
        for (var (activity, depth) = (current, 0); activity is not null && depth <= MaxAncestors; (activity, depth) = (activity.Parent, depth + 1))
        {
            if (string.Equals(activity.Source.Name, PartnerCenterTelemetryNames.SourceName, StringComparison.Ordinal))
            {
                return activity;
            }
        }

        return null;
    }

    /// <summary>The operation and request id tags of the span, when set.</summary>
    public static (string? Operation, string? RequestId) Tags(Activity span) =>
        (span.GetTagItem(PartnerCenterTelemetryNames.Tags.Operation) as string, span.GetTagItem(PartnerCenterTelemetryNames.Tags.RequestId) as string);
}
