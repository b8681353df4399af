using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Store.PartnerCenter.Exceptions;
using OpenTelemetry.Logs;
using PartnerCenter.Observability.Enrichers.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;
using Serilog;
using Serilog.Events;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Serilog.Tests.Integration;

// The tests log the way apps do, with plain message templates.
#pragma warning disable CA1848

/// <summary>
/// The app's <see cref="PartnerCenterClassificationOptions.CategoryOverrides"/> reach every path that classifies: the
/// Serilog property, the OpenTelemetry log attribute, the exception of <c>EnsurePartnerCenterSuccessAsync</c>, and a
/// client configured on its own. 800020 is eligibility in the catalog; every test overrides it to quota.
/// </summary>
public sealed class CategoryOverridesTests
{
    private const string EligibilityBody = """{"code": 800020, "description": "The catalog item isn't eligible for purchase."}""";
    private static readonly Uri OrdersPath = new("v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders", UriKind.Relative);

    [Fact]
    public void The_serilog_property_follows_the_classifier_given_to_the_enricher()
    {
        var sdk = SdkException();
        var classifier = new PartnerCenterErrorClassifier(Overridden());

        Assert.Equal("eligibility", Scalar(Enrich(sdk, classifier: null), Tags.ErrorCategory));
        var properties = Enrich(sdk, classifier);
        Assert.Equal("quota", Scalar(properties, Tags.ErrorCategory));
        Assert.Equal("800020", Scalar(properties, Tags.ErrorCode));
    }

    [Fact]
    public async Task The_opentelemetry_log_attribute_follows_the_classifier_that_AddPartnerCenterTelemetry_registers()
    {
        var records = new List<LogRecord>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
        builder.AddPartnerCenterTelemetry(o => o.Classification.CategoryOverrides["800020"] = PartnerCenterErrorCategory.Quota);
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(records));
        using (var host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orders").LogError(SdkException(), "Order failed");
            await host.StopAsync();
        }

        var record = Assert.Single(records, r => r.CategoryName == "Orders");
        var attributes = (record.Attributes ?? []).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        Assert.Equal("quota", attributes[Tags.ErrorCategory]);
        Assert.Equal("800020", attributes[Tags.ErrorCode]);
    }

    [Fact]
    public void The_registered_classifier_is_made_from_the_configured_options()
    {
        var services = new ServiceCollection();
        services.AddPartnerCenterTelemetry(o => o.Classification.CategoryOverrides["800020"] = PartnerCenterErrorCategory.Quota);
        using var provider = services.BuildServiceProvider();

        var classifier = provider.GetRequiredService<PartnerCenterErrorClassifier>();

        Assert.NotSame(PartnerCenterErrorClassifier.Default, classifier);
        Assert.Equal(PartnerCenterErrorCategory.Quota, classifier.Classify(403, "800020", null).Category);
        Assert.Same(classifier, provider.GetRequiredService<PartnerCenterErrorClassifier>());
    }

    [Fact]
    public async Task Without_the_handler_the_exception_follows_the_classifier_given_to_EnsurePartnerCenterSuccessAsync()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, EligibilityBody);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var options = new PartnerCenterClassificationOptions();
        options.CategoryOverrides["800020"] = PartnerCenterErrorCategory.Quota;
        var classifier = new PartnerCenterErrorClassifier(options);

        using var plain = await client.PostAsync(OrdersPath, new StringContent("{}"));
        var byDefault = await Assert.ThrowsAsync<PartnerCenterException>(async () => await plain.EnsurePartnerCenterSuccessAsync());
        using var response = await client.PostAsync(OrdersPath, new StringContent("{}"));
        var error = await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync(classifier));

        Assert.Equal(PartnerCenterErrorCategory.Eligibility, byDefault.Category);
        Assert.Equal(PartnerCenterErrorCategory.Quota, error.Category);
        Assert.Equal(PartnerCenterClassificationSource.Override, error.Classification.Source);
        Assert.Equal("/v1/customers/{customer_id}/orders", error.Operation);
        Assert.Equal(EligibilityBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_configured_on_its_own_gets_its_override_on_top_of_the_app_wide_options()
    {
        await using var server = await LoopbackServer.StartErrorAsync(403, EligibilityBody);
        var services = new ServiceCollection();
        services.AddPartnerCenterTelemetry(o =>
        {
            o.Classification.CategoryOverrides["MyCode"] = PartnerCenterErrorCategory.Transient;
            o.MaxOperations = 50;
        });
        services.AddHttpClient("pc", c => c.BaseAddress = server.BaseAddress)
            .AddPartnerCenterTelemetry(o => o.Classification.CategoryOverrides["800020"] = PartnerCenterErrorCategory.Quota);
        services.AddHttpClient("other", c => c.BaseAddress = server.BaseAddress).AddPartnerCenterTelemetry();
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        var own = await ErrorOf(factory.CreateClient("pc"));
        var other = await ErrorOf(factory.CreateClient("other"));

        Assert.Equal(PartnerCenterErrorCategory.Quota, own.Category);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, other.Category);
        var monitor = provider.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>();
        var named = monitor.Get("pc");
        Assert.Equal(PartnerCenterErrorCategory.Transient, named.Classification.CategoryOverrides["mycode"]);
        Assert.Equal(50, named.MaxOperations);
        Assert.False(monitor.CurrentValue.Classification.CategoryOverrides.ContainsKey("800020"));
    }

    [Fact]
    public void A_clients_configuration_section_is_bound_to_its_own_options_and_validated_at_startup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pc:Classification:CategoryOverrides:800020"] = "Quota",
            ["Pc:BodyReadTimeout"] = "00:00:05",
            ["Bad:MaxOperations"] = "0",
            ["Bad:Classification:MaxBodyBytes"] = "10",
        }).Build();
        var services = new ServiceCollection();
        services.AddHttpClient("pc").AddPartnerCenterTelemetry(configuration.GetSection("Pc"));
        using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var named = provider.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>().Get("pc");
            Assert.Equal(PartnerCenterErrorCategory.Quota, named.Classification.CategoryOverrides["800020"]);
            Assert.Equal(TimeSpan.FromSeconds(5), named.BodyReadTimeout);
        }

        services.AddHttpClient("bad").AddPartnerCenterTelemetry(configuration.GetSection("Bad"));
        using (var provider = services.BuildServiceProvider())
        {
            var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
            Assert.Equal("bad", failure.OptionsName);
            Assert.Contains(failure.Failures, f => f.Contains(nameof(PartnerCenterTelemetryOptions.MaxOperations), StringComparison.Ordinal));
            Assert.Contains(failure.Failures, f => f.Contains(nameof(PartnerCenterClassificationOptions.MaxBodyBytes), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_setting_of_the_app_wide_options_reaches_a_client_configured_on_its_own()
    {
        var services = new ServiceCollection();
        services.AddPartnerCenterTelemetry(o =>
        {
            o.Hosts.Add("127.0.0.1:5005");
            o.RouteTemplates.Add("/v1/widgets/{widget_id}");
            o.Classification.MaxBodyBytes = 1024;
            o.Classification.MaxDescriptionLength = 64;
            o.Classification.CategoryOverrides["MyCode"] = PartnerCenterErrorCategory.Transient;
            o.BodyReadTimeout = TimeSpan.FromSeconds(7);
            o.AddRequestIds = false;
            o.AttachErrorToRequest = false;
            o.EnrichHttpClientMetrics = false;
            o.MaxOperations = 9;
            o.MaxUncatalogedCodesPerOperation = 3;
            o.TransientAndQuotaLogLevel = LogLevel.Information;
            o.FailureLogLevel = LogLevel.Critical;
        });
        services.AddHttpClient("pc").AddPartnerCenterTelemetry(_ => { });
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>();

        var appWide = Settings(monitor.CurrentValue);
        var client = Settings(monitor.Get("pc"));

        Assert.Equal(appWide, client);
        Assert.NotEqual(Settings(new PartnerCenterTelemetryOptions()), client);
    }

    private static PartnerCenterClassificationOptions Overridden()
    {
        var options = new PartnerCenterClassificationOptions();
        options.CategoryOverrides["800020"] = PartnerCenterErrorCategory.Quota;
        return options;
    }

    private static PartnerException SdkException() =>
        new(new ApiFault { ErrorCode = "800020", ErrorMessage = Samples.Template }, null, PartnerErrorCategory.Forbidden);

    private static async Task<PartnerCenterException> ErrorOf(HttpClient client)
    {
        using (client)
        {
            using var response = await client.PostAsync(OrdersPath, new StringContent("{}"));
            return await Assert.ThrowsAsync<PartnerCenterException>(async () => await response.EnsurePartnerCenterSuccessAsync());
        }
    }

    /// <summary>Every public setting, as text, so that a setting the copy forgets makes the two differ.</summary>
    private static string Settings(PartnerCenterTelemetryOptions options)
    {
        var parts = new List<string>();
        foreach (var property in typeof(PartnerCenterTelemetryOptions).GetProperties().Concat(typeof(PartnerCenterClassificationOptions).GetProperties()))
        {
            var owner = property.DeclaringType == typeof(PartnerCenterClassificationOptions) ? (object)options.Classification : options;
            var value = property.GetValue(owner);
            parts.Add(property.Name + "=" + (value switch
            {
                PartnerCenterClassificationOptions => "(below)",
                System.Collections.IEnumerable items and not string => string.Join(",", items.Cast<object>()),
                _ => value?.ToString(),
            }));
        }

        return string.Join(";", parts);
    }

    private static IReadOnlyDictionary<string, LogEventPropertyValue> Enrich(Exception exception, PartnerCenterErrorClassifier? classifier)
    {
        var sink = new CollectingSink();
        using (var logger = new LoggerConfiguration().Enrich.WithPartnerCenterErrors(classifier: classifier).WriteTo.Sink(sink).CreateLogger())
        {
            logger.Error(exception, "Partner Center job failed");
        }

        return sink.Single.Properties;
    }

    private static object? Scalar(IReadOnlyDictionary<string, LogEventPropertyValue> properties, string name) =>
        Assert.IsType<ScalarValue>(properties[name]).Value;
}
