using PartnerCenter.Observability.Operations;

namespace PartnerCenter.Observability.Tests.Operations;

/// <summary>
/// The tree of route templates chooses exactly what a scan of every template in order chooses (the rule the resolver
/// documents: the first match sets the kind, user templates come first; within the kind, the most literal segments,
/// then the first listed). The scan below is that rule written the plain way, checked against thousands of paths made
/// from the real route table, with ids, other casing, swapped words and extra or missing segments.
/// </summary>
public sealed class RouteTemplateTrieTests
{
    private static readonly string[] UserTemplates =
    [
        "/v1/customers/{customer_id}/orders",
        "/v1/customers/{tenant}/{anything}",
        "/v1/{a}/{b}/orders/{c}",
        "/v2/custom/{x}",
        "/v2/custom/{y}",
        "/v1/productUpgrades/{id}/status",
    ];

    [Fact]
    public void The_tree_chooses_what_the_ordered_scan_chooses_on_the_route_table_alone() =>
        AssertSameChoices([], seed: 1);

    [Fact]
    public void The_tree_chooses_what_the_ordered_scan_chooses_with_overlapping_user_templates() =>
        AssertSameChoices(UserTemplates, seed: 2);

    [Fact]
    public void Every_built_in_template_matches_itself_with_ids_in_its_placeholders()
    {
        var templates = Templates([]);
        var trie = new RouteTemplateTrie(templates);
        foreach (var template in templates)
        {
            var path = string.Join('/', template.Segments.Select(s => RouteTemplate.IsPlaceholder(s) ? "5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11" : s.ToUpperInvariant()));
            var chosen = Match(trie, path);
            Assert.NotNull(chosen);
            Assert.Equal(Scan(templates, path)?.Text, chosen.Text);
        }
    }

    [Theory]
    [InlineData("/v3/{p}/items", "/v3/things/{q}")]
    [InlineData("/v3/things/{q}", "/v3/{p}/items")]
    public void Of_two_equally_specific_templates_met_in_either_order_the_first_listed_wins(string first, string second)
    {
        // The walk meets the literal branch ("things") before the placeholder branch, whatever the order of the list.
        var trie = new RouteTemplateTrie([new RouteTemplate(first, isUser: true), new RouteTemplate(second, isUser: true)]);
        Assert.Equal(first, Match(trie, "v3/things/items")?.Text);
    }

    [Fact]
    public void A_matching_user_template_wins_over_a_more_specific_built_in_one()
    {
        var trie = new RouteTemplateTrie([new RouteTemplate("/v1/{a}/{b}", isUser: true), new RouteTemplate("/v1/customers/{id}", isUser: false)]);
        Assert.Equal("/v1/{a}/{b}", Match(trie, "v1/customers/42")?.Text);
        Assert.Equal("/v1/customers/{id}", new RouteTemplateTrie([new RouteTemplate("/v1/customers/{id}", isUser: false), new RouteTemplate("/v1/{a}/{b}", isUser: false)]).Match("v1/customers/42", [0..2, 3..12, 13..15])?.Text);
    }

    [Fact]
    public void A_path_no_template_has_matches_nothing()
    {
        var trie = new RouteTemplateTrie(Templates(UserTemplates));
        Assert.Null(Match(trie, "nothing/like/this/route"));
        Assert.Null(Match(trie, string.Empty));
        Assert.Null(Match(trie, "v1"));
    }

    private static void AssertSameChoices(string[] user, int seed)
    {
        var templates = Templates(user);
        var trie = new RouteTemplateTrie(templates);
        var words = templates.SelectMany(t => t.Segments).Where(s => !RouteTemplate.IsPlaceholder(s)).Distinct().ToArray();
        var random = new Random(seed);
        var matched = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var template = templates[random.Next(templates.Count)];
            var segments = template.Segments.Select(s => RouteTemplate.IsPlaceholder(s) ? Id(random) : Casing(s, random)).ToList();
            switch (random.Next(6))
            {
                case 0:
                    segments[random.Next(segments.Count)] = words[random.Next(words.Length)];
                    break;
                case 1:
                    segments.Add(words[random.Next(words.Length)]);
                    break;
                case 2 when segments.Count > 1:
                    segments.RemoveAt(random.Next(segments.Count));
                    break;
                case 3:
                    segments[random.Next(segments.Count)] = Id(random);
                    break;
            }

            var path = string.Join('/', segments);
            var expected = Scan(templates, path);
            var actual = Match(trie, path);
            Assert.True(ReferenceEquals(expected, actual), $"{path}: expected {expected?.Text ?? "none"}, got {actual?.Text ?? "none"}");
            matched += actual is null ? 0 : 1;
        }

        // The generated paths exercise both outcomes.
        Assert.InRange(matched, 5_000, 19_999);
    }

    private static List<RouteTemplate> Templates(string[] user) =>
        [.. user.Select(t => new RouteTemplate(t, isUser: true)), .. PartnerCenterRoutes.Templates.Select(t => new RouteTemplate(t, isUser: false))];

    private static RouteTemplate? Match(RouteTemplateTrie trie, string path)
    {
        Span<Range> ranges = stackalloc Range[16];
        var count = path.AsSpan().Split(ranges, '/', StringSplitOptions.RemoveEmptyEntries);
        return trie.Match(path, ranges[..count]);
    }

    /// <summary>The rule, the plain way: every template in order; a later one replaces the choice only when it is of the same kind with more literal segments.</summary>
    private static RouteTemplate? Scan(List<RouteTemplate> templates, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        RouteTemplate? best = null;
        foreach (var candidate in templates)
        {
            var isMatch = candidate.Segments.Length == segments.Length
                && candidate.Segments.Zip(segments).All(p => RouteTemplate.IsPlaceholder(p.First) || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
            if (isMatch && (best is null || (candidate.IsUser == best.IsUser && candidate.LiteralCount > best.LiteralCount)))
            {
                best = candidate;
            }
        }

        return best;
    }

    private static string Id(Random random) => random.Next(3) switch
    {
        0 => Guid.NewGuid().ToString(),
        1 => random.Next(1, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "DZH318Z0BQ3Q",
    };

    private static string Casing(string word, Random random) => random.Next(3) switch
    {
        0 => word.ToUpperInvariant(),
        1 => word.ToLowerInvariant(),
        _ => word,
    };
}
