using PartnerCenter.Observability.Telemetry;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// The properties a log line with a Partner Center error in its exception chain gets, named like the span tags; shared
/// by the OpenTelemetry log processor and the logger factory decorator. A property the line already has is never
/// overwritten.
/// </summary>
internal static class PartnerCenterErrorAttributes
{
    /// <summary>The most properties <see cref="AddError"/> adds.</summary>
    public const int MaxAdded = 10;

    public static void AddError(List<KeyValuePair<string, object?>> attributes, in PartnerCenterErrorInfo error)
    {
        AddIfAbsent(attributes, Names.ErrorCode, error.Code);
        AddIfAbsent(attributes, Names.ErrorCategory, error.Category.ToTagValue());
        AddIfAbsent(attributes, Names.Retryable, TagValues.Boolean(error.IsRetryable));
        AddIfAbsent(attributes, Names.ErrorDescription, error.Description);
        AddIfAbsent(attributes, Names.RequestId, error.RequestId);
        AddIfAbsent(attributes, Names.CorrelationId, error.CorrelationId);
        AddIfAbsent(attributes, Names.RetryAfter, error.RetryAfter?.TotalSeconds);
        AddIfAbsent(attributes, Names.HttpResponseStatusCode, error.StatusCode > 0 ? TagValues.Status(error.StatusCode) : null);
        AddIfAbsent(attributes, Names.ErrorType, error.ErrorType);
        AddIfAbsent(attributes, Names.Operation, error.Operation);
    }

    public static void AddIfAbsent(List<KeyValuePair<string, object?>> attributes, string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (var attribute in attributes)
        {
            if (string.Equals(attribute.Key, name, StringComparison.Ordinal))
            {
                return;
            }
        }

        attributes.Add(new(name, value));
    }
}
