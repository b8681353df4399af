using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Resilience;

namespace PartnerCenter.Observability.Docs.Tests.Options;

/// <summary>
/// docs/options.md lists every option of the three options classes, with the default the code has, and a configuration
/// key that, bound the way <c>builder.AddPartnerCenterTelemetry()</c> binds it, changes that option.
/// </summary>
public sealed class OptionsReferenceTests
{
    private static readonly Type[] OptionTypes = [typeof(PartnerCenterTelemetryOptions), typeof(PartnerCenterClassificationOptions), typeof(PartnerCenterResilienceOptions)];

    [Fact]
    public void Every_option_is_listed_and_every_listed_option_exists()
    {
        var documented = OptionsReference.Rows.Select(r => $"{r.Class}.{r.Property}").ToHashSet(StringComparer.Ordinal);
        var actual = OptionTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => $"{t.Name}.{p.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(actual.Except(documented));
        Assert.Empty(documented.Except(actual));
    }

    [Fact]
    public void Each_documented_default_is_the_code_default()
    {
        var checkedRows = 0;
        foreach (var row in OptionsReference.Rows)
        {
            var type = OptionTypes.Single(t => t.Name == row.Class);
            var value = type.GetProperty(row.Property)!.GetValue(Activator.CreateInstance(type));
            var expected = value switch
            {
                TimeSpan t => $"`{t.ToString("c", CultureInfo.InvariantCulture)}`",
                bool b => b ? "`true`" : "`false`",
                int i => $"`{i.ToString(CultureInfo.InvariantCulture)}`",
                Enum e => $"`{e}`",
                IEnumerable<string> list => list.Any() ? $"`[ {string.Join(", ", list.Select(s => $"\"{s}\""))} ]`" : "none",
                _ => null,
            };
            if (expected is null)
            {
                continue;
            }

            Assert.True(row.Default.StartsWith(expected, StringComparison.Ordinal), $"{row.Class}.{row.Property}: documented default '{row.Default}', the code's is {expected}");
            checkedRows++;
        }

        Assert.True(checkedRows >= 15, $"only {checkedRows} defaults checked");
    }

    public static TheoryData<string> TelemetryRows()
    {
        var data = new TheoryData<string>();
        foreach (var row in OptionsReference.Rows.Where(r => r.ConfigurationKey.StartsWith("`PartnerCenterTelemetry:", StringComparison.Ordinal) && r.Property != nameof(PartnerCenterTelemetryOptions.Classification)))
        {
            data.Add($"{row.Class}.{row.Property}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TelemetryRows))]
    public void The_documented_configuration_key_changes_the_option(string option)
    {
        var row = OptionsReference.Rows.Single(r => $"{r.Class}.{r.Property}" == option);
        var key = row.ConfigurationKey.Trim('`');
        var type = row.Class == nameof(PartnerCenterClassificationOptions) ? typeof(PartnerCenterClassificationOptions) : typeof(PartnerCenterTelemetryOptions);
        var property = type.GetProperty(row.Property)!;
        var (settings, changed) = Changed(property.PropertyType, property.GetValue(Activator.CreateInstance(type)), key);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPartnerCenterTelemetry();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<PartnerCenterTelemetryOptions>>().Value;
        object target = type == typeof(PartnerCenterTelemetryOptions) ? options : options.Classification;

        Assert.True(changed(property.GetValue(target)), $"{key} did not change {option}");
    }

    [Fact]
    public void Configured_hosts_are_added_to_the_default_one()
    {
        // What docs/options.md says of PartnerCenterTelemetry:Hosts.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PartnerCenterTelemetry:Hosts:0"] = "127.0.0.1:5005" });
        builder.AddPartnerCenterTelemetry();
        using var host = builder.Build();

        Assert.Equal([new PartnerCenterTelemetryOptions().Hosts.Single(), "127.0.0.1:5005"], host.Services.GetRequiredService<IOptions<PartnerCenterTelemetryOptions>>().Value.Hosts);
    }

    [Fact]
    public void Resilience_options_bind_by_the_typed_clients_name()
    {
        // What docs/options.md says of PartnerCenterResilienceOptions: named options keyed by the client's name.
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PartnerCenterResilience:MaxRetryAttempts"] = "2" }).Build();
        services.AddHttpClient<ExampleClient>().AddPartnerCenterResilienceHandler();
        services.Configure<PartnerCenterResilienceOptions>(nameof(ExampleClient), configuration.GetSection("PartnerCenterResilience"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(2, provider.GetRequiredService<IOptionsMonitor<PartnerCenterResilienceOptions>>().Get(nameof(ExampleClient)).MaxRetryAttempts);
    }

    private sealed class ExampleClient(HttpClient http)
    {
        public HttpClient Http => http;
    }

    /// <summary>Configuration that sets <paramref name="key"/> to a valid value other than the default, and how to see it took.</summary>
    private static (Dictionary<string, string?> Settings, Func<object?, bool> Changed) Changed(Type type, object? initial, string key)
    {
        if (type == typeof(int))
        {
            var value = (int)initial! + 1;
            return (new() { [key] = value.ToString(CultureInfo.InvariantCulture) }, v => (int)v! == value);
        }

        if (type == typeof(bool))
        {
            var value = !(bool)initial!;
            return (new() { [key] = value.ToString() }, v => (bool)v! == value);
        }

        if (type == typeof(TimeSpan))
        {
            var value = (TimeSpan)initial! + TimeSpan.FromSeconds(1);
            return (new() { [key] = value.ToString("c", CultureInfo.InvariantCulture) }, v => (TimeSpan)v! == value);
        }

        if (type == typeof(LogLevel))
        {
            var value = (LogLevel)initial! == LogLevel.Critical ? LogLevel.Debug : LogLevel.Critical;
            return (new() { [key] = value.ToString() }, v => (LogLevel)v! == value);
        }

        if (type == typeof(IList<string>))
        {
            var value = key.EndsWith(":Hosts", StringComparison.Ordinal) ? "127.0.0.1:5005" : "/v1/example/{example_id}";
            return (new() { [key + ":0"] = value }, v => ((IList<string>)v!).Contains(value));
        }

        if (type == typeof(IDictionary<string, PartnerCenterErrorCategory>))
        {
            return (new() { [key + ":800067"] = "Eligibility" }, v => ((IDictionary<string, PartnerCenterErrorCategory>)v!)["800067"] == PartnerCenterErrorCategory.Eligibility);
        }

        throw new InvalidOperationException($"No test value for {type} ({key}): add one.");
    }
}
