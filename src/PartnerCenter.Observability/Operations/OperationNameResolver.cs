using System.Collections.Concurrent;
using System.Globalization;

namespace PartnerCenter.Observability.Operations;

/// <summary>
/// Turns a request into a low-cardinality operation name: a per-request override, else the first matching route
/// template (user templates, then the Partner Center routes; the template with the most literal segments wins), else
/// the path with ids (GUIDs, numbers, long opaque segments) replaced by <c>{id}</c>. The query never appears.
/// Generic and user-set names count against a cap, past which they collapse to <c>other</c>.
/// </summary>
internal sealed class OperationNameResolver
{
    private const string IdPlaceholder = "{id}";
    private readonly RouteTemplate[][] _bySegmentCount;
    private readonly BoundedValueSet _dynamicNames;
    private readonly ConcurrentDictionary<string, BoundedValueSet> _codesByOperation = new(StringComparer.Ordinal);
    private readonly int _maxCodesPerOperation;

    public OperationNameResolver(IEnumerable<string> userTemplates, int maxOperations, int maxCodesPerOperation)
    {
        var templates = userTemplates.Select(t => new RouteTemplate(t, isUser: true))
            .Concat(PartnerCenterRoutes.Templates.Select(t => new RouteTemplate(t, isUser: false)))
            .ToList();
        var longest = templates.Count == 0 ? 0 : templates.Max(t => t.Segments.Length);
        _bySegmentCount = new RouteTemplate[longest + 1][];
        for (var i = 0; i <= longest; i++)
        {
            _bySegmentCount[i] = [.. templates.Where(t => t.Segments.Length == i)];
        }

        _dynamicNames = new BoundedValueSet(maxOperations);
        _maxCodesPerOperation = maxCodesPerOperation;
    }

    public int DynamicOperationCount => _dynamicNames.Count;

    public string Resolve(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(PartnerCenterRequestOptions.Operation, out var explicitName) && !string.IsNullOrWhiteSpace(explicitName))
        {
            return _dynamicNames.GetOrOther(explicitName.Length > 128 ? explicitName[..128] : explicitName);
        }

        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString ?? "/";
        return Resolve(path);
    }

    public string Resolve(string path)
    {
        var query = path.IndexOfAny(['?', '#']);
        var span = query >= 0 ? path.AsSpan(0, query) : path.AsSpan();
        Span<Range> ranges = stackalloc Range[16];
        var trimmed = span.Trim('/');
        var count = trimmed.Split(ranges, '/', StringSplitOptions.RemoveEmptyEntries);
        if (count < ranges.Length && count < _bySegmentCount.Length)
        {
            RouteTemplate? best = null;
            foreach (var template in _bySegmentCount[count])
            {
                if ((best is null || (template.IsUser == best.IsUser && template.LiteralCount > best.LiteralCount)) && template.IsMatch(trimmed, ranges[..count]))
                {
                    best = template;
                }
            }

            if (best is not null)
            {
                return best.Text;
            }
        }

        return _dynamicNames.GetOrOther(Generic(trimmed));
    }

    /// <summary>The value of the error-code tag: catalogued codes as they are, others bounded per operation.</summary>
    public string? BoundCode(string operation, PartnerCenterErrorClassification classification)
    {
        var code = classification.Code;
        if (code is null)
        {
            return null;
        }

        if (classification.Definition is { } definition && ReferenceEquals(definition.Code, code))
        {
            return code;
        }

        if (!IsTagSafe(code))
        {
            return PartnerCenterTelemetryNames.Values.Other;
        }

        var set = _codesByOperation.GetOrAdd(operation, static (_, max) => new BoundedValueSet(max), _maxCodesPerOperation);
        return set.GetOrOther(code);
    }

    private static bool IsTagSafe(string code)
    {
        foreach (var c in code)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return code.Length is > 0 and <= 64;
    }

    private static string Generic(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return "/";
        }

        var builder = new System.Text.StringBuilder(path.Length + 8);
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty)
            {
                continue;
            }

            builder.Append('/');
            if (IsId(segment))
            {
                builder.Append(IdPlaceholder);
            }
            else
            {
                builder.Append(segment);
            }
        }

        return builder.ToString();
    }

    private static bool IsId(ReadOnlySpan<char> segment)
    {
        if (Guid.TryParse(segment, out _) || long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return true;
        }

        var digits = 0;
        foreach (var c in segment)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (!char.IsAsciiLetter(c) && c is not ('-' or '_'))
            {
                return true; // '@', '%', '=', '.', ':' and the like: an opaque value, never a route word
            }
        }

        return segment.Length >= 24 || (segment.Length >= 8 && digits > 0);
    }

    private sealed class RouteTemplate
    {
        public RouteTemplate(string text, bool isUser)
        {
            Text = text;
            IsUser = isUser;
            Segments = text.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            LiteralCount = Segments.Count(s => !IsPlaceholder(s));
        }

        public string Text { get; }

        public bool IsUser { get; }

        public string[] Segments { get; }

        public int LiteralCount { get; }

        public bool IsMatch(ReadOnlySpan<char> path, ReadOnlySpan<Range> ranges)
        {
            for (var i = 0; i < Segments.Length; i++)
            {
                var segment = Segments[i];
                if (!IsPlaceholder(segment) && !path[ranges[i]].Equals(segment, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsPlaceholder(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
    }
}
