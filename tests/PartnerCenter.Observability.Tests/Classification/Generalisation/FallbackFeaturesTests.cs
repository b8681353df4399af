using System.Globalization;
using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Classification.Generalisation;

/// <summary>
/// The learned fallback's features: ids are shapes, not words, so no value a caller sends becomes a feature of its own,
/// and editions that spell a contraction differently read the same.
/// </summary>
public sealed class FallbackFeaturesTests
{
    [Fact]
    public void Any_id_in_a_placeholder_reads_as_the_same_shape()
    {
        // Every catalogue template with a placeholder, its placeholders filled with seeded ids of every shape: the
        // features are those of the template itself, whose {0} is already the shape.
        var random = new Random(2028);
        var templates = PartnerCenterErrorCatalog.Definitions.Select(r => r.Template).Where(t => t.Contains("{0}", StringComparison.Ordinal)).ToList();
        Assert.True(templates.Count > 30, $"{templates.Count} templates with a placeholder");
        foreach (var template in templates)
        {
            for (var i = 0; i < 5; i++)
            {
                var filled = System.Text.RegularExpressions.Regex.Replace(template, @"\{\d\}", _ => Id(random));
                Assert.True(Features(template).SequenceEqual(Features(filled)), $"'{filled}' does not read as '{template}'");
            }
        }
    }

    [Theory]
    [InlineData("The subscription isn't active.", "The subscription is not active.")]
    [InlineData("Can't update the seat quantity", "Can not update the seat quantity")]
    [InlineData("Subscription quantity cannot be decreased", "Subscription quantity can not be decreased")]
    [InlineData("The transfer won't complete", "The transfer will not complete")]
    [InlineData("The CSP region doesn’t match", "The CSP region does not match")]
    [InlineData("PARTNER ID IS MISSING", "partner id is missing")]
    public void Contractions_and_case_read_the_same(string one, string other) =>
        Assert.Equal(Features(other), Features(one));

    [Theory]
    [InlineData("The partner's order", "The partners order")]
    public void An_apostrophe_inside_a_word_is_dropped(string one, string other) =>
        Assert.Equal(Features(other), Features(one));

    [Fact]
    public void Words_and_pairs_are_the_features()
    {
        var features = Features("Order failed");

        Assert.Equal([FallbackFeatures.HashWord("order"), FallbackFeatures.Pair(FallbackFeatures.HashWord("order"), FallbackFeatures.HashWord("failed")), FallbackFeatures.HashWord("failed")], features);
        Assert.Empty(Features(" ,.;{}"));
    }

    private static string Id(Random random) => random.Next(5) switch
    {
        0 => random.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        1 => Guid.NewGuid().ToString(random.Next(2) == 0 ? "D" : "D").ToUpperInvariant(),
        2 => Guid.NewGuid().ToString("D"),
        3 => "DZH318Z0BQ3Q" + random.Next(10).ToString(CultureInfo.InvariantCulture),
        _ => "a" + random.Next(100, 999).ToString(CultureInfo.InvariantCulture) + "b",
    };

    private static List<ulong> Features(string text)
    {
        var list = new List<ulong>();
        var features = new FallbackFeatures(text);
        while (features.MoveNext(out var feature))
        {
            list.Add(feature);
        }

        return list;
    }
}
