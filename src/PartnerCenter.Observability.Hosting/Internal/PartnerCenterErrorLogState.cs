using System.Collections;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// A log line's state with the Partner Center properties of its exception added: the line's own properties first (a
/// property it has is never overwritten), then the added ones, then <c>{OriginalFormat}</c> last where providers look
/// for it. Formats and prints as the original state.
/// </summary>
/// <typeparam name="TState">The type of the original state.</typeparam>
internal sealed class PartnerCenterErrorLogState<TState> : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly TState _state;
    private readonly Func<TState, Exception?, string> _formatter;
    private readonly List<KeyValuePair<string, object?>> _values;

    private PartnerCenterErrorLogState(TState state, Func<TState, Exception?, string> formatter, List<KeyValuePair<string, object?>> values)
    {
        _state = state;
        _formatter = formatter;
        _values = values;
    }

    /// <summary>Formats as the original state with the original formatter.</summary>
    public static Func<PartnerCenterErrorLogState<TState>, Exception?, string> Format { get; } =
        static (state, exception) => state._formatter(state._state, exception);

    public int Count => _values.Count;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    /// <summary>The enriched state, or <see langword="null"/> when the exception chain holds no Partner Center error.</summary>
    public static PartnerCenterErrorLogState<TState>? TryCreate(TState state, Exception exception, Func<TState, Exception?, string> formatter, PartnerCenterErrorClassifier classifier)
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

        return new PartnerCenterErrorLogState<TState>(state, formatter, values);
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _state?.ToString() ?? string.Empty;
}
