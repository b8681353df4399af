namespace PartnerCenter.Observability.Tests.Classification.Generalisation;

/// <summary>
/// Leave-one-code-out cross-validation of a fallback over the catalogue: for each code documented at 400, 403 or 422,
/// the fallback is built from every example of every other code, then classifies that code's descriptions at their
/// status. A fallback that learns nothing (hand-written phrases) ignores the training set it is given.
/// </summary>
internal static class FallbackFolds
{
    /// <summary>Builds a fallback from a training set; the fallback maps (status, text) to a category or unknown.</summary>
    public delegate Func<int, string, PartnerCenterErrorCategory> Builder(IReadOnlyList<FallbackExample> training);

    public static FoldReport LeaveOneCodeOut(IReadOnlyList<FallbackExample> examples, Builder build)
    {
        var report = new FoldReport();
        foreach (var fold in examples.Where(e => e.IsFallbackStatus).GroupBy(e => e.Group, StringComparer.Ordinal))
        {
            var training = examples.Where(e => !string.Equals(e.Group, fold.Key, StringComparison.Ordinal)).ToList();
            var fallback = build(training);
            foreach (var example in fold)
            {
                report.Add(example, fallback(example.Status, example.Text));
            }
        }

        return report;
    }

    /// <summary>Builds the fallback once from the training set and measures it on a separate held-out set.</summary>
    public static FoldReport HeldOut(IReadOnlyList<FallbackExample> training, IEnumerable<FallbackExample> heldOut, Builder build)
    {
        var fallback = build(training);
        var report = new FoldReport();
        foreach (var example in heldOut.Where(e => e.IsFallbackStatus))
        {
            report.Add(example, fallback(example.Status, example.Text));
        }

        return report;
    }
}
