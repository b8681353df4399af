namespace PartnerCenter.Observability.Operations;

/// <summary>
/// The route templates as a tree of segments, so that a path is matched in one walk (a dictionary lookup per segment,
/// ignoring case) instead of against every template of its length. The choice is the one a scan of the templates in
/// order makes: the first matching template sets the kind (user templates come first, so any matching user template
/// wins over the built-in table); within that kind, the template with the most literal segments, the first of them on
/// a tie.
/// </summary>
internal sealed class RouteTemplateTrie
{
    private readonly Node _root = new();

    public RouteTemplateTrie(IReadOnlyList<RouteTemplate> templates)
    {
        for (var index = 0; index < templates.Count; index++)
        {
            var node = _root;
            foreach (var segment in templates[index].Segments)
            {
                node = RouteTemplate.IsPlaceholder(segment) ? node.Placeholder ??= new Node() : node.Literal(segment);
            }

            node.Ends.Add((index, templates[index]));
        }
    }

    /// <summary>The template the path's segments (as <paramref name="ranges"/> of <paramref name="path"/>) match, if any.</summary>
    public RouteTemplate? Match(ReadOnlySpan<char> path, ReadOnlySpan<Range> ranges)
    {
        var choice = default(Choice);
        Walk(_root, path, ranges, ref choice);
        return choice.Result;
    }

    private static void Walk(Node node, ReadOnlySpan<char> path, ReadOnlySpan<Range> ranges, ref Choice choice)
    {
        if (ranges.IsEmpty)
        {
            foreach (var (index, template) in node.Ends)
            {
                choice.Offer(index, template);
            }

            return;
        }

        if (node.TryGetLiteral(path[ranges[0]], out var literal))
        {
            Walk(literal, path, ranges[1..], ref choice);
        }

        if (node.Placeholder is { } placeholder)
        {
            Walk(placeholder, path, ranges[1..], ref choice);
        }
    }

    /// <summary>The matches seen so far, reduced to what decides: the first one's kind and the best of each kind.</summary>
    private struct Choice
    {
        private int _firstIndex;
        private bool _firstIsUser;
        private (int Index, RouteTemplate? Template) _user;
        private (int Index, RouteTemplate? Template) _builtIn;

        public readonly RouteTemplate? Result => _firstIsUser ? _user.Template : _builtIn.Template;

        public void Offer(int index, RouteTemplate template)
        {
            if ((_user.Template is null && _builtIn.Template is null) || index < _firstIndex)
            {
                _firstIndex = index;
                _firstIsUser = template.IsUser;
            }

            ref var best = ref template.IsUser ? ref _user : ref _builtIn;
            if (best.Template is null
                || template.LiteralCount > best.Template.LiteralCount
                || (template.LiteralCount == best.Template.LiteralCount && index < best.Index))
            {
                best = (index, template);
            }
        }
    }

    private sealed class Node
    {
        private Dictionary<string, Node>? _literals;
        private Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private int _longestLiteral;

        public Node? Placeholder { get; set; }

        public List<(int Index, RouteTemplate Template)> Ends { get; } = [];

        public Node Literal(string segment)
        {
            if (_literals is null)
            {
                _literals = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
                _lookup = _literals.GetAlternateLookup<ReadOnlySpan<char>>();
            }

            if (!_literals.TryGetValue(segment, out var child))
            {
                child = new Node();
                _literals.Add(segment, child);
                _longestLiteral = Math.Max(_longestLiteral, segment.Length);
            }

            return child;
        }

        public bool TryGetLiteral(ReadOnlySpan<char> segment, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Node? child)
        {
            // An id is usually longer than any word of the table at its place: no need to hash it to know.
            if (_literals is null || segment.Length > _longestLiteral)
            {
                child = null;
                return false;
            }

            return _lookup.TryGetValue(segment, out child);
        }
    }
}
