using System.Collections;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// A log line's state with the Partner Center properties of its exception added: the line's own properties first (a
/// property it has is never overwritten), then the added ones, then <c>{OriginalFormat}</c> last where providers look
/// for it. Formats and prints as the original state. Not generic on purpose: a logger that passed a
/// <c>State&lt;TState&gt;</c> on from its own <c>Log&lt;TState&gt;</c> would make an ever-deeper generic instantiation,
/// which native AOT must stop at a depth cut-off (and which the 10.0 AOT compiler crashes on when the cycle runs through
/// <c>ILogger.Log&lt;TState&gt;</c>).
/// </summary>
internal sealed class PartnerCenterErrorLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly object? _state;
    private readonly Func<Exception?, string> _message;
    private readonly List<KeyValuePair<string, object?>> _values;

    private PartnerCenterErrorLogState(object? state, Func<Exception?, string> message, List<KeyValuePair<string, object?>> values)
    {
        _state = state;
        _message = message;
        _values = values;
    }

    /// <summary>Formats as the original state with the original formatter.</summary>
    public static Func<PartnerCenterErrorLogState, Exception?, string> Format { get; } =
        static (state, exception) => state._message(exception);

    public int Count => _values.Count;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>The enriched state, or <see langword="null"/> when the exception chain holds no Partner Center error.</summary>
    public static PartnerCenterErrorLogState? TryCreate<TState>(TState state, Exception exception, Func<TState, Exception?, string> formatter, PartnerCenterErrorClassifier classifier)
    {
        if (!PartnerCenterErrorInfo.TryFind(exception, classifier, out var error))
        {
            return null;
        }

        var values = new List<KeyValuePair<string, object?>>(PartnerCenterErrorAttributes.MaxAdded + 8);
        KeyValuePair<string, object?>? originalFormat = null;
        if (state is IEnumerable<KeyValuePair<string, object?>> properties)
        {
            foreach (var property in properties)
            {
                if (property.Key == OriginalFormat)
                {
                    originalFormat = property;
                }
                else
                {
                    values.Add(property);
                }
            }
        }

        PartnerCenterErrorAttributes.AddError(values, in error);
        if (originalFormat is { } format)
        {
            values.Add(format);
        }

        return new PartnerCenterErrorLogState(state, exception => formatter(state, exception), values);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _state?.ToString() ?? string.Empty;
}
