using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// Adds OTLP exporters for traces, metrics and logs when the provider is built, unless the app registered an
/// OTLP exporter of its own (for example with <c>UseOtlpExporter()</c> or <c>AddOtlpExporter()</c>), in any
/// order relative to <c>AddPartnerCenterTelemetry()</c>. A failure to create an exporter is reported through the
/// EventSource and never fails startup.
/// </summary>
internal static class OtlpExport
{
    public static void AddUnlessAppHasAnExporter(IServiceCollection services, OtlpEnvironment environment)
    {
        services.ConfigureOpenTelemetryTracerProvider((_, tracing) =>
            Try(services, "trace exporter", () => tracing.AddProcessor(new BatchActivityExportProcessor(new OtlpTraceExporter(environment.CreateOptions("traces"))))));
        services.ConfigureOpenTelemetryMeterProvider((_, metrics) =>
            Try(services, "metric exporter", () => metrics.AddReader(new PeriodicExportingMetricReader(
                new OtlpMetricExporter(environment.CreateOptions("metrics")),
                environment.MetricExportIntervalMilliseconds))));
        services.ConfigureOpenTelemetryLoggerProvider((_, logging) =>
            Try(services, "log exporter", () => logging.AddProcessor(new BatchLogRecordExportProcessor(new OtlpLogExporter(environment.CreateOptions("logs"))))));
    }

    /// <summary>
    /// Whether the app registered an OTLP exporter itself (<c>UseOtlpExporter()</c>, <c>AddOtlpExporter()</c>): any service
    /// from the OTLP exporter's assembly. Other exporters (Prometheus, console) do not stop OTLP export.
    /// </summary>
    internal static bool AppHasExporter(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (IsExporterType(descriptor.ServiceType) || IsExporterType(descriptor.ImplementationType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExporterType(Type? type)
    {
        if (type is null)
        {
            return false;
        }

        // The exporter's own assembly, by one of its public types: no name to drift.
        if (type.Assembly == typeof(OtlpExporterOptions).Assembly)
        {
            return true;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                if (IsExporterType(argument))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Try(IServiceCollection services, string what, Action add)
    {
        try
        {
            if (!AppHasExporter(services))
            {
                add();
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault(what, ex);
        }
    }
}
