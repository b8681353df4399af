using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PartnerCenter.Observability.Hosting.Tests.Internal;

/// <summary>
/// The one-liner turns on trace-based exemplars (the trace id of the span a measurement was recorded in), unless the
/// app chose its own filter in code, before or after the one-liner, or with OTEL_METRICS_EXEMPLAR_FILTER.
/// </summary>
public sealed class ExemplarDefaultTests
{
    private const string Name = "PartnerCenter.Observability.Tests.Exemplars";

    public enum AppChoice
    {
        None,
        AlwaysOffBefore,
        AlwaysOffAfter,
        AlwaysOffInConfiguration,
    }

    [Theory]
    [InlineData(AppChoice.None, true)]
    [InlineData(AppChoice.AlwaysOffBefore, false)]
    [InlineData(AppChoice.AlwaysOffAfter, false)]
    [InlineData(AppChoice.AlwaysOffInConfiguration, false)]
    public void Exemplars_carry_the_trace_id_unless_the_app_chose_its_own_filter(AppChoice choice, bool expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (choice == AppChoice.AlwaysOffInConfiguration)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_METRICS_EXEMPLAR_FILTER"] = "always_off" });
        }

        var exported = new List<Metric>();
        if (choice == AppChoice.AlwaysOffBefore)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.SetExemplarFilter(ExemplarFilterType.AlwaysOff));
        }

        builder.AddPartnerCenterTelemetry();
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(Name).SetSampler(new AlwaysOnSampler()))
            .WithMetrics(m =>
            {
                m.AddMeter(Name).AddInMemoryExporter(exported);
                if (choice == AppChoice.AlwaysOffAfter)
                {
                    m.SetExemplarFilter(ExemplarFilterType.AlwaysOff);
                }
            });
        using var host = builder.Build();
        var meterProvider = host.Services.GetRequiredService<MeterProvider>();
        _ = host.Services.GetRequiredService<TracerProvider>();

        using var meter = new Meter(Name);
        var histogram = meter.CreateHistogram<double>("exemplar.test.duration", "s");
        using var source = new ActivitySource(Name);
        string traceId;
        using (var activity = source.StartActivity("call"))
        {
            Assert.NotNull(activity);
            traceId = activity.TraceId.ToHexString();
            histogram.Record(0.25);
        }

        Assert.True(meterProvider.ForceFlush(10_000));
        var traceIds = new List<string>();
        foreach (var metric in exported.Where(m => m.Name == "exemplar.test.duration"))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (point.TryGetExemplars(out var exemplars))
                {
                    foreach (ref readonly var exemplar in exemplars)
                    {
                        traceIds.Add(exemplar.TraceId.ToHexString());
                    }
                }
            }
        }

        if (expected)
        {
            Assert.Contains(traceId, traceIds);
        }
        else
        {
            Assert.DoesNotContain(traceId, traceIds);
        }
    }
}
