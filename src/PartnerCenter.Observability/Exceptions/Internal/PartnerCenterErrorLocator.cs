using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Errors;

/// <summary>
/// Finds a Partner Center error in an exception chain (inner exceptions and the inner exceptions of an
/// <see cref="AggregateException"/>), depth first, outermost first. What counts, richest first:
/// <list type="number">
/// <item>a <see cref="PartnerCenterException"/>;</item>
/// <item>an exception of the archived Partner Center SDK, recognised by its shape (<see cref="PartnerSdkExceptionShape"/>);</item>
/// <item>an <see cref="HttpRequestException"/> with a status code (classified by status alone), used only when nothing richer is in the chain.</item>
/// </list>
/// Cycles and very deep or wide chains are cut off by a depth and a node budget. Never throws.
/// </summary>
internal static class PartnerCenterErrorLocator
{
    /// <summary>How deep the walk goes: a cyclic chain ends here.</summary>
    internal const int MaxDepth = 16;

    /// <summary>How many exceptions the walk looks at in all.</summary>
    internal const int MaxExceptions = 64;

    /// <summary>Finds the richest Partner Center error in the chain of <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception; <see langword="null"/> finds nothing.</param>
    /// <param name="info">The error found.</param>
    /// <param name="classifier">
    /// Classifies what the walk finds unclassified (the archived SDK's code and message), so that the app's
    /// <see cref="PartnerCenterClassificationOptions.CategoryOverrides"/> apply; <see langword="null"/> for
    /// <see cref="PartnerCenterErrorClassifier.Default"/>. A <see cref="PartnerCenterException"/> keeps the classification
    /// it was thrown with.
    /// </param>
    /// <returns>Whether an error was found.</returns>
    public static bool TryFind(Exception? exception, out PartnerCenterErrorInfo info, PartnerCenterErrorClassifier? classifier = null)
    {
        info = default;
        if (exception is null)
        {
            return false;
        }

        try
        {
            var budget = MaxExceptions;
            HttpRequestException? statusOnly = null;
            if (Visit(exception, 0, classifier ?? PartnerCenterErrorClassifier.Default, ref budget, ref statusOnly, out info))
            {
                return true;
            }

            if (statusOnly?.StatusCode is { } status)
            {
                info = PartnerCenterErrorInfo.From(PartnerCenterErrorClassifier.ClassifyStatus((int)status), null, null, null, null, statusOnly.GetType());
                return true;
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("exception enrichment", ex);
        }

        info = default;
        return false;
    }

    private static bool Visit(Exception exception, int depth, PartnerCenterErrorClassifier classifier, ref int budget, ref HttpRequestException? statusOnly, out PartnerCenterErrorInfo info)
    {
        info = default;
        var current = exception;
        while (current is not null && depth <= MaxDepth && budget-- > 0)
        {
            switch (current)
            {
                case PartnerCenterException partnerCenter:
                    info = PartnerCenterErrorInfo.From(
                        partnerCenter.Classification, partnerCenter.RequestId, partnerCenter.CorrelationId,
                        partnerCenter.RetryAfter, partnerCenter.Operation, typeof(PartnerCenterException));
                    return true;
                case HttpRequestException { StatusCode: not null } http:
                    statusOnly ??= http;
                    break;
                default:
                    if (PartnerSdkExceptionShape.TryRead(current, classifier, out info))
                    {
                        return true;
                    }

                    break;
            }

            if (current is AggregateException aggregate)
            {
                // Its InnerException is InnerExceptions[0]: walk the list instead.
                var inner = aggregate.InnerExceptions;
                for (var i = 0; i < inner.Count; i++)
                {
                    if (inner[i] is { } item && Visit(item, depth + 1, classifier, ref budget, ref statusOnly, out info))
                    {
                        return true;
                    }
                }

                return false;
            }

            current = current.InnerException;
            depth++;
        }

        return false;
    }
}
