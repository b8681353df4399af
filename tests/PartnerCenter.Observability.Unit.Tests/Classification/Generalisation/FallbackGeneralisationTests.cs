using PartnerCenter.Observability.Classification;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Classification.Generalisation;

/// <summary>
/// How the fallback does on descriptions it was not built from (docs/error-categories.md, "How well the fallback
/// generalises"): leave-one-code-out over the catalogue, and the rows of the other editions and pages held out whole.
/// </summary>
public sealed class FallbackGeneralisationTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<FallbackExample> Catalogue = FallbackExample.FromCatalogue();

    /// <summary>Today's hand-weighted phrases: a phrase decides, else the status.</summary>
    private static Func<int, string, PartnerCenterErrorCategory> HandRules(IReadOnlyList<FallbackExample> training) =>
        (status, text) => FallbackRules.TryClassify(status, text, out var category) ? category : StatusRules.ByStatus(status);

    [Fact]
    public void Hand_rules_leave_one_code_out()
    {
        var report = FallbackFolds.LeaveOneCodeOut(Catalogue, HandRules);
        Write(report);
    }

    [Fact]
    public void Hand_rules_on_the_other_editions_and_pages()
    {
        var (training, heldOut) = OtherSourcesSplit();
        var report = FallbackFolds.HeldOut(training, heldOut, HandRules);
        Write(report);
    }

    /// <summary>
    /// The rows of the other editions and other pages (reference files) at 400, 403 and 422 whose code the catalogue
    /// knows, with the catalogue's category; the training set is the catalogue without any of their codes.
    /// </summary>
    private static (IReadOnlyList<FallbackExample> Training, IReadOnlyList<FallbackExample> HeldOut) OtherSourcesSplit()
    {
        var heldOut = new List<FallbackExample>();
        foreach (var fact in ReferenceFacts.Read(ReferenceFacts.OtherEditions).Concat(ReferenceFacts.Read(ReferenceFacts.OtherPages)))
        {
            if (fact.Status is not (400 or 403 or 422) || fact.Code is null || !PartnerCenterErrorCatalog.TryFind(fact.Status.Value, fact.Code, out var row))
            {
                continue;
            }

            var resolved = row.Variants.FirstOrDefault(v => v.MatchesDescription(fact.Description)) ?? row;
            heldOut.Add(new FallbackExample(fact.Code, fact.Status.Value, fact.Description, resolved.Category));
        }

        heldOut = [.. heldOut.DistinctBy(e => (e.Status, e.Group, e.Text.ToUpperInvariant()))];
        var codes = heldOut.Select(e => e.Group).ToHashSet(StringComparer.Ordinal);
        return ([.. Catalogue.Where(e => !codes.Contains(e.Group))], heldOut);
    }

    private void Write(FoldReport report)
    {
        output.WriteLine(report.Summary());
        output.WriteLine(report.ToMarkdown());
        foreach (var (example, given) in report.Misses)
        {
            output.WriteLine($"  gave {given.ToTagValue()}: {example}");
        }
    }
}
