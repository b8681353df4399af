namespace PartnerCenter.Observability.Simulator.Tests.Scenarios;

/// <summary>The one table of scenario names (the command line, the control endpoint and the demo all read it).</summary>
public sealed class ScenarioNameTests
{
    [Fact]
    public void Every_scenario_has_its_own_kebab_case_name_that_parses_back()
    {
        Assert.Equal(Enum.GetValues<PartnerCenterScenario>(), PartnerCenterScenarioNames.All);
        Assert.Equal(PartnerCenterScenarioNames.All.Count, PartnerCenterScenarioNames.Names.Distinct(StringComparer.Ordinal).Count());
        foreach (var scenario in PartnerCenterScenarioNames.All)
        {
            var name = scenario.ToName();
            Assert.Matches("^[a-z]+(-[a-z]+)*$", name);
            Assert.True(PartnerCenterScenarioNames.TryParse(name, out var parsed), name);
            Assert.Equal(scenario, parsed);
            Assert.True(PartnerCenterScenarioNames.TryParse(scenario.ToString(), out parsed), scenario.ToString());
            Assert.Equal(scenario, parsed);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sunny")]
    [InlineData("throttle storm")]
    public void Unknown_names_do_not_parse(string? name) => Assert.False(PartnerCenterScenarioNames.TryParse(name, out _));

    [Fact]
    public void An_undefined_value_has_no_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((PartnerCenterScenario)99).ToName());
}
