using System.Collections.Concurrent;
using Serilog.Events;
using Names = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Serilog;

/// <summary>
/// Log event properties for values that repeat: the categories, the two booleans and the statuses are built once; codes,
/// descriptions (templates), error types and operations are kept up to a cap per name, past which they are built per event.
/// Properties are immutable, so one instance can be added to any number of events.
/// </summary>
internal static class PropertyCache
{
    private const int FirstStatus = 400;
    private static readonly LogEventProperty[] Categories = [.. Enum.GetValues<PartnerCenterErrorCategory>().Select(c => new LogEventProperty(Names.ErrorCategory, new ScalarValue(c.ToTagValue())))];
    private static readonly LogEventProperty RetryableTrue = new(Names.Retryable, new ScalarValue(true));
    private static readonly LogEventProperty RetryableFalse = new(Names.Retryable, new ScalarValue(false));
    private static readonly LogEventProperty[] Statuses = [.. Enumerable.Range(FirstStatus, 200).Select(s => new LogEventProperty(Names.HttpResponseStatusCode, new ScalarValue(s)))];

    public static readonly BoundedProperties Code = new(Names.ErrorCode, 512);
    public static readonly BoundedProperties Description = new(Names.ErrorDescription, 512);
    public static readonly BoundedProperties ErrorType = new(Names.ErrorType, 512);
    public static readonly BoundedProperties Operation = new(Names.Operation, 512);

    public static LogEventProperty Category(PartnerCenterErrorCategory category) =>
        (uint)category < (uint)Categories.Length ? Categories[(int)category] : Categories[(int)PartnerCenterErrorCategory.Unknown];

    public static LogEventProperty Retryable(bool retryable) => retryable ? RetryableTrue : RetryableFalse;

    public static LogEventProperty Status(int status) =>
        (uint)(status - FirstStatus) < (uint)Statuses.Length ? Statuses[status - FirstStatus] : new LogEventProperty(Names.HttpResponseStatusCode, new ScalarValue(status));

    /// <summary>Properties of one name, one per value, up to a cap.</summary>
    internal sealed class BoundedProperties
    {
        private readonly ConcurrentDictionary<string, LogEventProperty> _byValue = new(StringComparer.Ordinal);
        private readonly string _name;
        private readonly int _capacity;

        public BoundedProperties(string name, int capacity)
        {
            _name = name;
            _capacity = capacity;
        }

        public LogEventProperty Get(string value)
        {
            if (_byValue.TryGetValue(value, out var property))
            {
                return property;
            }

            property = new LogEventProperty(_name, new ScalarValue(value));
            return _byValue.Count < _capacity ? _byValue.GetOrAdd(value, property) : property;
        }
    }
}
