using System.Text;
using System.Text.Json;
using PartnerCenter.Observability.Simulator.Responses;
using PartnerCenter.Observability.Simulator.Scenarios;
using PartnerCenter.Observability.Simulator.Tests.Support;

namespace PartnerCenter.Observability.Simulator.Tests.Responses;

/// <summary>Every body the simulator plans classifies, with the core classifier, to the category its scenario intended.</summary>
public sealed class IntendedCategoryTests
{
    [Theory]
    [MemberData(nameof(DocumentedMix.Scenarios), MemberType = typeof(DocumentedMix))]
    public void Every_planned_failure_classifies_to_the_intended_category(PartnerCenterScenario scenario)
    {
        for (var sequence = 1; sequence <= 5_000; sequence++)
        {
            var outcome = PartnerCenterScenarioPlan.Decide(42, scenario, sequence);
            if (outcome.Kind == OutcomeKind.Success)
            {
                continue;
            }

            var expected = Assert.NotNull(outcome.Category);
            var actual = outcome.Kind switch
            {
                OutcomeKind.Error or OutcomeKind.Throttled or OutcomeKind.SlowBody =>
                    PartnerCenterErrorClassifier.Default.Classify(outcome.StatusCode, ErrorBody.Build(outcome), ErrorBody.ContentType).Category,
                OutcomeKind.GatewayPage or OutcomeKind.Timeout =>
                    PartnerCenterErrorClassifier.Default.Classify(outcome.StatusCode, GatewayPages.For(outcome.StatusCode, "id"), GatewayPages.ContentType).Category,
                OutcomeKind.EmptyBody => PartnerCenterErrorClassifier.Default.Classify(outcome.StatusCode, [], ErrorBody.ContentType).Category,
                OutcomeKind.Drop => PartnerCenterErrorCategory.Transient, // a network failure: no status, no body
                _ => throw new InvalidOperationException(outcome.Kind.ToString()),
            };

            Assert.True(expected == actual, $"{scenario} #{sequence}: {outcome} classifies as {actual}, intended {expected}");
        }
    }

    [Fact]
    public void Each_scenario_intends_the_categories_it_is_named_for()
    {
        Assert.Equal([PartnerCenterErrorCategory.Validation, PartnerCenterErrorCategory.NotFound], Intended(PartnerCenterScenario.Healthy));
        Assert.Equal([PartnerCenterErrorCategory.Quota], Intended(PartnerCenterScenario.ThrottleStorm));
        Assert.Equal([PartnerCenterErrorCategory.Transient], Intended(PartnerCenterScenario.Outage));
        Assert.Equal([PartnerCenterErrorCategory.Eligibility], Intended(PartnerCenterScenario.EligibilitySpike));
        Assert.Equal([PartnerCenterErrorCategory.Auth], Intended(PartnerCenterScenario.AuthFailure));
        Assert.Equal([PartnerCenterErrorCategory.Quota], Intended(PartnerCenterScenario.Quota));
        Assert.Equal(7, Intended(PartnerCenterScenario.Mixed).Count);

        static List<PartnerCenterErrorCategory> Intended(PartnerCenterScenario scenario) =>
            [.. ScenarioMixes.For(scenario).Where(s => s.Category is not null).Select(s => s.Category!.Value).Distinct().Order()];
    }

    [Fact]
    public void Error_bodies_have_the_Partner_Center_shape()
    {
        var outcome = Enumerable.Range(1, 1_000)
            .Select(i => PartnerCenterScenarioPlan.Decide(42, PartnerCenterScenario.Quota, i))
            .First(o => o.Code == "800088" && !o.CodeAsString);

        using var json = JsonDocument.Parse(ErrorBody.Build(outcome));
        var root = json.RootElement;

        Assert.Equal(800088, root.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("data").ValueKind);
        Assert.Equal(0, root.GetProperty("data").GetArrayLength());
        Assert.Equal("PartnerFD", root.GetProperty("source").GetString());
        var description = root.GetProperty("description").GetString()!;
        Assert.Matches(@"^The requested number of \d+ seat/s exceeded the remaining limit of \d+ seats allowed per subscription for the CatalogID - \S+$", description);
        Assert.Contains("\"code\":800088", Encoding.UTF8.GetString(ErrorBody.Build(outcome)), StringComparison.Ordinal);
    }

    [Fact]
    public void String_codes_are_quoted()
    {
        var outcome = Enumerable.Range(1, 1_000)
            .Select(i => PartnerCenterScenarioPlan.Decide(42, PartnerCenterScenario.EligibilitySpike, i))
            .First(o => o.Code == "800020" && o.CodeAsString);

        Assert.StartsWith("{\"code\":\"800020\",\"description\":\"The catalog item isn't eligible for purchase.\"", Encoding.UTF8.GetString(ErrorBody.Build(outcome)), StringComparison.Ordinal);
    }

    /// <summary>Every catalogue template, filled, is still recognised as that template (the filler's values never break it).</summary>
    [Fact]
    public void Every_filled_catalogue_template_matches_its_own_template()
    {
        var entropy = 0UL;

        // Rows with status 0 (no status documented) or 200 (items inside successful responses) are not error responses.
        foreach (var row in PartnerCenterErrorCatalog.Definitions.Where(r => r.StatusCode >= 400))
        {
            var description = DescriptionFiller.Fill(row.Template, entropy += 0x9E3779B97F4A7C15UL);

            Assert.DoesNotContain("{0}", description, StringComparison.Ordinal);
            Assert.DoesNotContain("{1}", description, StringComparison.Ordinal);
            Assert.InRange(description.Length, 1, 1_024);
            var classified = PartnerCenterErrorClassifier.Default.Classify(row.StatusCode, code: null, description);
            Assert.True(row.Template == classified.Description, $"'{description}' matched '{classified.Description}', not '{row.Template}'");
            Assert.Equal(row.Category, classified.Category);
        }
    }

    [Fact]
    public void Placeholders_get_realistic_values()
    {
        Assert.True(PartnerCenterErrorCatalog.TryFind(400, "900220", out var migration));
        Assert.Matches("^Subscription [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} cannot be migrated", DescriptionFiller.Fill(migration.Template, 5));

        Assert.True(PartnerCenterErrorCatalog.TryFind(403, "800073", out var review));
        Assert.EndsWith("Learn more at https://aka.ms/partnercenter-customer-review", DescriptionFiller.Fill(review.Template, 5), StringComparison.Ordinal);

        Assert.True(PartnerCenterErrorCatalog.TryFind(400, "900117", out var window));
        Assert.Matches(@"^You have passed your \d+-day cancellation window", DescriptionFiller.Fill(window.Template, 5));

        Assert.Equal(DescriptionFiller.Fill(migration.Template, 9), DescriptionFiller.Fill(migration.Template, 9));
        Assert.NotEqual(DescriptionFiller.Fill(migration.Template, 9), DescriptionFiller.Fill(migration.Template, 10));
    }
}
