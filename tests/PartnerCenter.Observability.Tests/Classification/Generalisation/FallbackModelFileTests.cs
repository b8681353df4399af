using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Classification.Generalisation;

/// <summary>The shipped weights are the fit of today's catalogue, so that a catalogue change cannot leave them behind.</summary>
public sealed class FallbackModelFileTests
{
    [Fact]
    public void The_generated_weights_are_a_fresh_fit_of_the_catalogue()
    {
        var examples = FallbackExample.FromCatalogue();
        var (model, threshold) = FallbackModelTrainer.FitShipped(examples);
        var fresh = FallbackModelTrainer.Render(model, threshold, examples.Count);
        var path = Path.Combine(RepositoryPaths.Root, FallbackModelTrainer.GeneratedFile);

        if (string.Equals(Environment.GetEnvironmentVariable("PC_REGENERATE_FALLBACK_MODEL"), "1", StringComparison.Ordinal)
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(path, fresh);
        }

        Assert.True(
            string.Equals(fresh, File.ReadAllText(path), StringComparison.Ordinal),
            $"{FallbackModelTrainer.GeneratedFile} is not a fresh fit of the catalogue: run FallbackModelFileTests with PC_REGENERATE_FALLBACK_MODEL=1, rebuild, and commit the file.");
    }

    [Fact]
    public void A_fit_is_deterministic()
    {
        var examples = FallbackExample.FromCatalogue();
        var first = FallbackModelTrainer.Fit(examples);
        var second = FallbackModelTrainer.Fit([.. examples.Reverse()]);

        Assert.Equal(first.Keys, second.Keys);
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Priors, second.Priors);
    }
}
