using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnerCenter.Observability.Resilience.Tests.Internal;

/// <summary>Every Partner Center resilience setting is validated at startup, per client, with the setting's name in the failure.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, Action<PartnerCenterResilienceOptions>> WrongSettings => new()
    {
        { nameof(PartnerCenterResilienceOptions.MaxRetryAttempts), o => o.MaxRetryAttempts = 0 },
        { nameof(PartnerCenterResilienceOptions.MaxRetryAfter), o => o.MaxRetryAfter = TimeSpan.FromSeconds(-1) },
        { nameof(PartnerCenterResilienceOptions.AttemptTimeout), o => o.AttemptTimeout = TimeSpan.Zero },
        { nameof(PartnerCenterResilienceOptions.AttemptTimeout), o => o.AttemptTimeout = TimeSpan.FromDays(2) },
        { nameof(PartnerCenterResilienceOptions.TotalRequestTimeout), o => o.TotalRequestTimeout = TimeSpan.FromMilliseconds(1) },
        { nameof(PartnerCenterResilienceOptions.TotalRequestTimeout), o => o.TotalRequestTimeout = o.AttemptTimeout - TimeSpan.FromSeconds(1) },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void A_wrong_setting_fails_at_startup_naming_the_setting_and_the_client(string setting, Action<PartnerCenterResilienceOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("fine").AddPartnerCenterResilienceHandler();
        services.AddHttpClient("wrong").AddPartnerCenterResilienceHandler(configure);
        using var provider = services.BuildServiceProvider();

        var thrown = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        // The standard pipeline reads these options while its own are made, so the same failure may come twice (then in
        // an aggregate, with any failure of the standard options): every one of ours names the client and the setting.
        var all = thrown is AggregateException aggregate ? aggregate.InnerExceptions : [Assert.IsType<OptionsValidationException>(thrown)];
        var ours = all.OfType<OptionsValidationException>().Where(e => e.OptionsType == typeof(PartnerCenterResilienceOptions)).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, failure =>
        {
            Assert.Equal("wrong", failure.OptionsName);
            Assert.Contains(failure.Failures, f => f.Contains(setting, StringComparison.Ordinal) && f.Contains("'wrong'", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void The_defaults_and_a_total_timeout_equal_to_the_attempt_timeout_are_valid()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("defaults").AddPartnerCenterResilienceHandler();
        services.AddHttpClient("equal").AddPartnerCenterResilienceHandler(o =>
        {
            o.MaxRetryAttempts = 1;
            o.TotalRequestTimeout = o.AttemptTimeout;
        });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }
}
