namespace PartnerCenter.Observability.Classification;

/// <summary>
/// The fallback for codes no catalogue row knows: a naive Bayes model over the words and word pairs of a description
/// (<see cref="FallbackFeatures"/>), learned from every wording of the catalogue (docs/error-categories.md, "The
/// fallback"). The weights are generated into <c>FallbackModel.Data.g.cs</c> by the test that also checks they are a
/// fresh fit of today's catalogue, so they cannot drift from it. Deterministic and allocation-free: the scores are sums
/// of fixed-point integers over a sorted table.
/// </summary>
/// <remarks>
/// The model knows the wording of transient errors too, so that "temporarily unavailable, try again later" is not
/// pulled into another category; but <see cref="Fallback"/> turns a transient answer into unknown: no description makes
/// a 4xx retryable. <see cref="Fallback"/> also decides how far the model's answer is trusted.
/// </remarks>
internal static partial class FallbackModel
{
    /// <summary>The number of categories the model tells apart; the columns of the weight table, in <see cref="CategoryAt"/> order.</summary>
    public const int ClassCount = 7;

    /// <summary>
    /// How many times the hand-weighted phrases' answer counts as a feature: it carries what the phrases know about the
    /// categories' definitions beyond the catalogue's wording. Chosen on the leave-one-code-out folds with the smoothing
    /// (4, 6, 8 and 12 tried, with alpha 0.3 and 1): the right answers rise and the confident wrong ones fall as the weight
    /// grows, 12 with alpha 1 giving 208 of 258 right and 11 wrong (4 with alpha 0.3: 202 and 17). At 12 the phrases
    /// decide whenever they find something and the model decides the rest, which is where its wording knowledge helps.
    /// </summary>
    public const int PhraseWeight = 12;

    /// <summary>
    /// How many times the status counts as a feature. 1, 2, 4 and 8 tried on the folds: 2 and more give a few more right
    /// answers by leaning on the status, which answers vague 400s ("Request failed.", "Temporary lock on the resource.")
    /// with a confident guess from the status, the failure this fallback exists to avoid; so 1.
    /// </summary>
    public const int StatusWeight = 1;

    /// <summary>The statuses whose category a description may refine: the ones that cover several kinds of failure.</summary>
    public static bool AppliesTo(int statusCode) => statusCode is 400 or 403 or 422;

    /// <summary>The category of a column of the weight table.</summary>
    public static PartnerCenterErrorCategory CategoryAt(int column) => column switch
    {
        0 => PartnerCenterErrorCategory.Auth,
        1 => PartnerCenterErrorCategory.Quota,
        2 => PartnerCenterErrorCategory.Eligibility,
        3 => PartnerCenterErrorCategory.Validation,
        4 => PartnerCenterErrorCategory.NotFound,
        5 => PartnerCenterErrorCategory.Conflict,
        6 => PartnerCenterErrorCategory.Transient,
        _ => PartnerCenterErrorCategory.Unknown,
    };

    /// <summary>The shipped model's best category for a text, and its margin.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="text">The description, with any error name and exception name the body gave.</param>
    /// <param name="phrases">The hand-weighted phrases' answer for the text (<see cref="FallbackRules"/>); unknown when they found none.</param>
    /// <returns>The best category and its margin over the next.</returns>
    public static FallbackScore Score(int statusCode, ReadOnlySpan<char> text, PartnerCenterErrorCategory phrases) =>
        Score(statusCode, text, phrases, new FallbackTable(Keys, Starts, Weights, Priors), StatusWeight, PhraseWeight);

    /// <summary>The best category of a text under a model, and by how much it beats the next one.</summary>
    /// <param name="statusCode">The HTTP status, a feature of its own (a 403 is more often a state than a 400 is).</param>
    /// <param name="text">The text.</param>
    /// <param name="phrases">The hand-weighted phrases' answer for the text; unknown when they found none.</param>
    /// <param name="model">The model's tables.</param>
    /// <param name="statusWeight">How many times the status counts (the folds try several).</param>
    /// <param name="phraseWeight">How many times the phrases' answer counts.</param>
    /// <returns>The best category and its margin; a margin of 0 and <see cref="PartnerCenterErrorCategory.Unknown"/> when no feature is known.</returns>
    public static FallbackScore Score(int statusCode, ReadOnlySpan<char> text, PartnerCenterErrorCategory phrases, FallbackTable model, int statusWeight, int phraseWeight)
    {
        Span<long> scores = stackalloc long[ClassCount];
        for (var c = 0; c < ClassCount; c++)
        {
            scores[c] = model.Priors[c];
        }

        var known = 0;
        var features = new FallbackFeatures(text);
        while (features.MoveNext(out var feature))
        {
            known += Add(scores, feature, model, 1);
        }

        if (known == 0)
        {
            return new FallbackScore(PartnerCenterErrorCategory.Unknown, 0);
        }

        Add(scores, FallbackFeatures.Status(statusCode), model, statusWeight);
        if (phrases != PartnerCenterErrorCategory.Unknown)
        {
            Add(scores, FallbackFeatures.Phrase(phrases), model, phraseWeight);
        }

        var best = 0;
        for (var c = 1; c < ClassCount; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        var second = long.MinValue;
        for (var c = 0; c < ClassCount; c++)
        {
            if (c != best && scores[c] > second)
            {
                second = scores[c];
            }
        }

        return new FallbackScore(CategoryAt(best), scores[best] - second);
    }

    /// <summary>Adds a feature's weights, counted <paramref name="times"/> times; returns 1 when the model knows the feature.</summary>
    private static int Add(Span<long> scores, ulong feature, FallbackTable model, int times)
    {
        var index = model.IndexOf(feature);
        if (index < 0)
        {
            return 0;
        }

        var row = model.Weights.Slice(index * ClassCount, ClassCount);
        for (var c = 0; c < ClassCount; c++)
        {
            scores[c] += (long)row[c] * times;
        }

        return 1;
    }
}
