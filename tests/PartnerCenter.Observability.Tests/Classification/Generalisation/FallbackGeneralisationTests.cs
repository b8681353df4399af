using PartnerCenter.Observability.Classification;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Classification.Generalisation;

/// <summary>
/// How the fallback does on descriptions it was not built from (docs/error-categories.md, "How well the fallback
/// generalises"): leave-one-code-out over the catalogue, each fold refitting the model without the held-out code, and
/// the rows of the other editions and pages held out whole. The figures are deterministic (no randomness anywhere), so
/// the floors sit just under them: a change to the catalogue, the features or the rule that loses ground fails here.
/// </summary>
public sealed class FallbackGeneralisationTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<FallbackExample> Catalogue = FallbackExample.FromCatalogue();
    private static readonly Lazy<List<FoldScore>> Folds = new(() => FallbackModelTrainer.FoldScores(Catalogue));

    [Fact]
    public void Leave_one_code_out_the_fallback_is_right_when_it_answers_and_says_unknown_otherwise()
    {
        var report = Report(Folds.Value, FallbackModel.Threshold);
        Write("shipped fallback, leave one code out", report);

        // Figures: 208 of 258 right (80.6%), 39 unknown (15.1%), 11 confident and wrong (95.0% right when it answers).
        Assert.True(report.AccuracyWhenConfident >= 0.94, $"confident answers right {report.AccuracyWhenConfident:P1}, floor 94%");
        Assert.True(report.Accuracy >= 0.80, $"right {report.Accuracy:P1}, floor 80%");
        Assert.True(report.UnknownRate <= 0.16, $"unknown {report.UnknownRate:P1}, ceiling 16%");
        Assert.True(report.ConfidentWrong <= 11, $"{report.ConfidentWrong} confident and wrong, ceiling 11");
    }

    [Fact]
    public void The_shipped_rule_costs_less_on_the_folds_than_the_phrases_or_the_model_alone()
    {
        var shipped = Report(Folds.Value, FallbackModel.Threshold);
        var phrases = new FoldReport();
        var model = new FoldReport();
        foreach (var score in Folds.Value)
        {
            phrases.Add(score.Example, score.Phrases == PartnerCenterErrorCategory.Unknown ? StatusRules.ByStatus(score.Example.Status) : score.Phrases);
            model.Add(score.Example, score.Model.Category);
        }

        Write("phrases alone (today's fallback before the model): a phrase, else the status", phrases);
        Write("model alone, best category whatever its margin", model);
        Assert.True(Cost(shipped) < Cost(phrases), $"shipped {Cost(shipped)} against phrases {Cost(phrases)}");
        Assert.True(Cost(shipped) < Cost(model), $"shipped {Cost(shipped)} against model {Cost(model)}");
        Assert.True(shipped.ConfidentWrong * 3 <= phrases.ConfidentWrong, $"shipped wrong {shipped.ConfidentWrong}, phrases {phrases.ConfidentWrong}: at most a third");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(422)]
    public void Leave_one_code_out_by_status(int status)
    {
        var report = Report(Folds.Value.Where(s => s.Example.Status == status), FallbackModel.Threshold);
        Write($"status {status}", report);

        // Floors per status, under the figures in docs/error-categories.md; the catalogue has no 422 row, so no 422 is measured.
        var floor = status switch { 400 => 0.94, 403 => 0.95, _ => 0.0 };
        Assert.True(report.Total == 0 ? status == 422 : report.AccuracyWhenConfident >= floor, $"{status}: confident answers right {report.AccuracyWhenConfident:P1} of {report.Total}, floor {floor:P0}");
    }

    [Fact]
    public void The_other_editions_and_pages_held_out_whole()
    {
        var (training, heldOut) = OtherSourcesSplit();
        var (model, threshold) = FallbackModelTrainer.FitShipped(training);
        var shipped = new FoldReport();
        var phrases = new FoldReport();
        foreach (var example in heldOut)
        {
            var phrase = FallbackModelTrainer.Phrases(example.Status, example.Text);
            shipped.Add(example, Fallback.Decide(phrase, model.Score(example.Status, example.Text), threshold));
            phrases.Add(example, phrase == PartnerCenterErrorCategory.Unknown ? StatusRules.ByStatus(example.Status) : phrase);
        }

        Write($"other editions and pages, model fitted without their {heldOut.Select(e => e.Group).Distinct().Count()} codes (threshold {threshold})", shipped);
        Write("the same rows, phrases alone", phrases);
        // Figures: 53 of 61 right (86.9%), 2 unknown, 6 confident and wrong (89.8% right when it answers).
        Assert.True(shipped.AccuracyWhenConfident >= 0.89, $"confident answers right {shipped.AccuracyWhenConfident:P1}, floor 89%");
        Assert.True(shipped.Accuracy >= 0.86, $"right {shipped.Accuracy:P1}, floor 86%");
        Assert.True(shipped.ConfidentWrong < phrases.ConfidentWrong, $"{shipped.ConfidentWrong} confident and wrong, the phrases alone {phrases.ConfidentWrong}");
    }

    private static FoldReport Report(IEnumerable<FoldScore> scores, long threshold)
    {
        var report = new FoldReport();
        foreach (var score in scores)
        {
            report.Add(score.Example, Fallback.Decide(score.Phrases, score.Model, threshold));
        }

        return report;
    }

    private static int Cost(FoldReport report) => report.Unknown + (FallbackModelTrainer.WrongCost * report.ConfidentWrong);

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

    private void Write(string title, FoldReport report)
    {
        output.WriteLine($"## {title}: {report.Summary()}");
        output.WriteLine(report.ToMarkdown());
        foreach (var (example, given) in report.Misses)
        {
            output.WriteLine($"  gave {given.ToTagValue()}: {example}");
        }
    }
}
