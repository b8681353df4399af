using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Operations;

/// <summary>
/// Turns a request into a low-cardinality operation name: a per-request override, else the first matching route
/// template (user templates, then the Partner Center routes; the template with the most literal segments wins), else
/// the path with every segment that is not a route-table word or an API version replaced by <c>{id}</c> (ids, names and
/// keys never reach a tag), cut to eight segments. The query never appears. The casing is stable: a matched template
/// is returned as written, a route-table word as the table writes it (<c>productUpgrades</c>, built-in routes first)
/// and an API version in lower case, whatever the casing of the request.
/// Generic and user-set names count against a cap, past which they collapse to <c>other</c>.
/// </summary>
internal sealed class OperationNameResolver
{
    private const string IdPlaceholder = "{id}";
    private const string RestPlaceholder = "{rest}";

    /// <summary>The most segments a generic name keeps; deeper paths end in <c>/{rest}</c>.</summary>
    private const int MaxGenericSegments = 8;

    private readonly Dictionary<string, string> _knownWords;
    private readonly RouteTemplateTrie _templates;
    private readonly BoundedValueSet _dynamicNames;

    public OperationNameResolver(IEnumerable<string> userTemplates, int maxOperations)
    {
        var templates = userTemplates.Select(t => new RouteTemplate(t, isUser: true))
            .Concat(PartnerCenterRoutes.Templates.Select(t => new RouteTemplate(t, isUser: false)))
            .ToList();
        _templates = new RouteTemplateTrie(templates);

        // A word's casing is the built-in routes' when they have it, else the first user template's.
        _knownWords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in templates.OrderBy(t => t.IsUser).SelectMany(t => t.Segments).Where(s => !RouteTemplate.IsPlaceholder(s)))
        {
            _knownWords.TryAdd(word, word);
        }
        _dynamicNames = new BoundedValueSet(maxOperations);
    }

    public int DynamicOperationCount => _dynamicNames.Count;

    public string Resolve(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(PartnerCenterRequestOptions.Operation, out var explicitName) && !string.IsNullOrWhiteSpace(explicitName))
        {
            var name = LogText.StripControlCharacters(explicitName.Length > TelemetryLimits.MaxOperationNameLength ? explicitName[..TelemetryLimits.MaxOperationNameLength] : explicitName);
            return _dynamicNames.GetOrOther(name);
        }

        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString ?? "/";
        return Resolve(path);
    }

    public string Resolve(string path) =>
        TryMatchTemplate(path, out var template) ? template : _dynamicNames.GetOrOther(Generic(Trim(path)));

    /// <summary>The route template the path matches, else its generic name, without taking a slot of the cap: for logs.</summary>
    public string RedactPath(string path) =>
        TryMatchTemplate(path, out var template) ? template : Generic(Trim(path));

    /// <summary>
    /// The route template (user templates, then the Partner Center routes) a path matches, without taking a slot of
    /// the cap for anything else: whether a request looks like a Partner Center call.
    /// </summary>
    public bool TryMatchTemplate(string path, [NotNullWhen(true)] out string? template)
    {
        var trimmed = Trim(path);
        Span<Range> ranges = stackalloc Range[16];
        var count = trimmed.Split(ranges, '/', StringSplitOptions.RemoveEmptyEntries);
        template = count < ranges.Length ? _templates.Match(trimmed, ranges[..count])?.Text : null;
        return template is not null;
    }

    /// <summary>The path without its query, fragment and surrounding slashes.</summary>
    private static ReadOnlySpan<char> Trim(string path)
    {
        var query = path.AsSpan().IndexOfAny('?', '#');
        return (query >= 0 ? path.AsSpan(0, query) : path.AsSpan()).Trim('/');
    }

    /// <summary>
    /// The name of a path no template knows: a segment stays only when it is a word of the route table (such as
    /// <c>customers</c> or <c>orders</c>, written as the table writes it) or an API version (<c>v1</c>, lower case); any
    /// other segment (an id, a name, a key) becomes <c>{id}</c>. At most <see cref="MaxGenericSegments"/> segments are kept.
    /// </summary>
    private string Generic(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return "/";
        }

        var builder = new System.Text.StringBuilder(path.Length + 8);
        var kept = 0;
        var lookup = _knownWords.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty)
            {
                continue;
            }

            builder.Append('/');
            if (++kept > MaxGenericSegments)
            {
                builder.Append(RestPlaceholder);
                break;
            }

            if (!IsId(segment) && IsVersion(segment))
            {
                builder.Append('v').Append(segment[1..]);
            }
            else if (!IsId(segment) && lookup.TryGetValue(segment, out var word))
            {
                builder.Append(word);
            }
            else
            {
                builder.Append(IdPlaceholder);
            }
        }

        return builder.ToString();
    }

    private static bool IsVersion(ReadOnlySpan<char> segment) =>
        segment.Length is 2 or 3 && segment[0] is 'v' or 'V' && char.IsAsciiDigit(segment[1]) && (segment.Length == 2 || char.IsAsciiDigit(segment[2]));

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
}
