using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnerCenter.Observability.Tests.DependencyInjection;

/// <summary>
/// A client with options of its own starts from the app-wide options and keeps following them: after the app-wide
/// configuration reloads, the client's options carry the new values and still carry what the client set itself.
/// </summary>
public sealed class ClientOptionsReloadTests
{
    private const string Section = PartnerCenterTelemetryOptions.SectionName;

    [Fact]
    public void A_client_configured_in_code_follows_a_reload_of_the_app_wide_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{Section}:MaxOperations"] = "300" })
            .Build();
        var services = new ServiceCollection();
        services.AddPartnerCenterTelemetry();
        services.AddOptions<PartnerCenterTelemetryOptions>().Bind(configuration.GetSection(Section));
        services.AddHttpClient("client").AddPartnerCenterTelemetry(o => o.FailureLogLevel = Microsoft.Extensions.Logging.LogLevel.Critical);
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>();
        Assert.Equal(300, monitor.Get("client").MaxOperations);

        configuration[$"{Section}:MaxOperations"] = "400";
        configuration.Reload();

        Assert.Equal(400, monitor.CurrentValue.MaxOperations);
        Assert.Equal(400, monitor.Get("client").MaxOperations);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Critical, monitor.Get("client").FailureLogLevel);
    }

    [Fact]
    public void A_client_with_a_section_of_its_own_follows_reloads_of_both_sections()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{Section}:MaxOperations"] = "300",
                ["Clients:pc:MaxUncatalogedCodesPerOperation"] = "5",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<PartnerCenterTelemetryOptions>().Bind(configuration.GetSection(Section));
        services.AddHttpClient("pc").AddPartnerCenterTelemetry(configuration.GetSection("Clients:pc"));
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>();
        var changes = new List<string?>();
        using var subscription = monitor.OnChange((_, name) => changes.Add(name));

        configuration[$"{Section}:MaxOperations"] = "400";
        configuration["Clients:pc:MaxUncatalogedCodesPerOperation"] = "7";
        configuration.Reload();

        var client = monitor.Get("pc");
        Assert.Equal(400, client.MaxOperations);
        Assert.Equal(7, client.MaxUncatalogedCodesPerOperation);
        Assert.Contains("pc", changes);
    }
}
