using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// The logger factory's scope provider, with IHttpClientFactory's request scope (<c>HTTP {HttpMethod} {Uri}</c>)
/// redacted whatever the host: every log provider that reads scopes (OpenTelemetry with <c>IncludeScopes = true</c>,
/// the console) gets <c>scheme://host/{route template}</c> instead of the URL with its ids, user info and query,
/// whatever the order of processors and exporters. Scopes are rewritten when read, so nothing is paid for a log record
/// that no provider exports with its scopes.
/// </summary>
internal sealed class UrlRedactingScopeProvider : IExternalScopeProvider
{
    private const string UriKey = "Uri";
    private readonly IExternalScopeProvider _inner;
    private readonly PartnerCenterUrlRedaction _redaction;

    public UrlRedactingScopeProvider(IExternalScopeProvider inner, PartnerCenterUrlRedaction redaction)
    {
        _inner = inner;
        _redaction = redaction;
    }

    public IDisposable Push(object? state) => _inner.Push(state);

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
        _inner.ForEachScope(
            static (scope, context) => context.Callback(context.Owner.Redact(scope), context.State),
            (Callback: callback, State: state, Owner: this));

    private object? Redact(object? scope)
    {
        try
        {
            if (scope is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return scope;
            }

            for (var i = 0; i < values.Count; i++)
            {
                var (key, value) = values[i];
                if (key == UriKey && value is string or Uri && _redaction.TryRedactForLog(value, out var redacted))
                {
                    return new RedactedScope(values, i, redacted, value.ToString() ?? string.Empty);
                }
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("log scope redaction", ex);
        }

        return scope;
    }

    /// <summary>A copy of a scope's values with one replaced; its text is the original's with the URL replaced.</summary>
    private sealed class RedactedScope : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _values;
        private readonly string _text;

        public RedactedScope(IReadOnlyList<KeyValuePair<string, object?>> original, int index, string redacted, string originalValue)
        {
            _values = [.. original];
            _values[index] = new(_values[index].Key, redacted);
            var text = original.ToString() ?? string.Empty;
            _text = originalValue.Length > 0 ? text.Replace(originalValue, redacted, StringComparison.Ordinal) : text;
        }

        public int Count => _values.Length;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => _text;
    }
}
