using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Tests.Telemetry;

/// <summary>What the instruments cost in series: a scope version stable across builds, and few duration buckets.</summary>
public sealed class InstrumentShapeTests
{
    [Theory]
    [InlineData("0.1.0-alpha.0.37+1c43b0b6f03f5b2df4233599d30a1a63b0caa071", "0.1.0-alpha.0.37")]
    [InlineData("1.2.3+build.5", "1.2.3")]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData(null, null)]
    public void Build_metadata_is_cut_from_the_version(string? version, string? expected)
    {
        Assert.Equal(expected, PartnerCenterActivitySource.WithoutBuildMetadata(version));
    }

    [Fact]
    public void The_meter_and_the_activity_source_carry_the_package_version_without_build_metadata()
    {
        var informational = typeof(PartnerCenterInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var package = informational.Split('+')[0];
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var instruments = new PartnerCenterInstruments(services.GetRequiredService<IMeterFactory>());

        Assert.Equal(package, instruments.RequestDuration.Meter.Version);
        Assert.Equal(package, PartnerCenterInstruments.ActivitySource.Version);
        Assert.DoesNotContain('+', instruments.RequestDuration.Meter.Version!);
    }

    [Fact]
    public void The_histograms_advise_at_most_seven_boundaries_each()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var instruments = new PartnerCenterInstruments(services.GetRequiredService<IMeterFactory>());

        var duration = instruments.RequestDuration.Advice!.HistogramBucketBoundaries!;
        Assert.InRange(duration.Count, 5, 7);
        Assert.Equal(0.1, duration[0]);
        Assert.Contains(5.0, duration);   // the latency alert's threshold
        Assert.True(duration[^1] > 5, "a p95 above the alert's threshold must be able to exceed it");
        Assert.Equal(duration.Order().ToList(), duration);

        var retryAfter = instruments.RetryAfter.Advice!.HistogramBucketBoundaries!;
        Assert.InRange(retryAfter.Count, 5, 7);
        Assert.Equal(3600, retryAfter[^1]);
        Assert.Equal(retryAfter.Order().ToList(), retryAfter);
    }
}
