namespace PartnerCenter.Observability.Classification;

/// <summary>
/// The fallback for an uncatalogued 400, 403 or 422 (docs/error-categories.md, "The fallback"): two readers of the
/// description, the hand-weighted phrases (<see cref="FallbackRules"/>) and the model learned from the catalogue
/// (<see cref="FallbackModel"/>). When both name the same category, that is the answer; when they differ, the model's
/// answer stands only if it leads by the threshold chosen on the held-out folds; otherwise the answer is
/// <see cref="PartnerCenterErrorCategory.Unknown"/>: an honest "unknown" pages no wrong owner.
/// </summary>
internal static class Fallback
{
    /// <summary>The shipped fallback's category for a description.</summary>
    /// <param name="statusCode">The HTTP status; only 400, 403 and 422 are decided here.</param>
    /// <param name="text">The description, with any error name and exception name the body gave.</param>
    /// <param name="category">The category, or <see cref="PartnerCenterErrorCategory.Unknown"/> when the fallback is not sure.</param>
    /// <returns><see langword="true"/> when the fallback applies to the status and the text has a word the model knows; otherwise the status decides.</returns>
    public static bool TryClassify(int statusCode, ReadOnlySpan<char> text, out PartnerCenterErrorCategory category)
    {
        category = PartnerCenterErrorCategory.Unknown;
        if (!FallbackModel.AppliesTo(statusCode) || text.IsWhiteSpace())
        {
            return false;
        }

        var hand = FallbackRules.TryClassify(statusCode, text, out var phrase) ? phrase : PartnerCenterErrorCategory.Unknown;

        // A text with no word the model knows says nothing, like no text at all: the status decides.
        var model = FallbackModel.Score(statusCode, text, hand);
        if (model.Category == PartnerCenterErrorCategory.Unknown)
        {
            return false;
        }

        category = Decide(hand, model, FallbackModel.Threshold);
        return true;
    }

    /// <summary>The rule that combines the two readers; the held-out folds measure it with each fold's own model.</summary>
    /// <param name="phrases">The hand-weighted phrases' category; unknown when no phrase was found.</param>
    /// <param name="model">The model's best category and its margin.</param>
    /// <param name="threshold">The margin at which the model's answer stands alone.</param>
    /// <returns>The category, or unknown.</returns>
    public static PartnerCenterErrorCategory Decide(PartnerCenterErrorCategory phrases, FallbackScore model, long threshold)
    {
        // A 4xx that reads like a transient error is not made retryable by its wording: the fallback cannot tell.
        if (model.Category is PartnerCenterErrorCategory.Unknown or PartnerCenterErrorCategory.Transient || model.Margin <= 0)
        {
            return PartnerCenterErrorCategory.Unknown;
        }

        return model.Category == phrases || model.Margin >= threshold ? model.Category : PartnerCenterErrorCategory.Unknown;
    }
}
