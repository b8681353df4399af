using PartnerCenter.Observability;

namespace OpenTelemetry.Trace
{
    /// <summary>Adds the Partner Center ActivitySource to an OpenTelemetry tracer provider.</summary>
    public static class PartnerCenterTracerProviderBuilderExtensions
    {
        /// <summary>Subscribes to the <c>PartnerCenter.Observability</c> ActivitySource.</summary>
        /// <param name="builder">The tracer provider builder.</param>
        /// <returns>The same builder.</returns>
        public static TracerProviderBuilder AddPartnerCenterInstrumentation(this TracerProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddSource(PartnerCenterTelemetryNames.SourceName);
        }
    }
}

namespace OpenTelemetry.Metrics
{
    /// <summary>Adds the Partner Center Meter to an OpenTelemetry meter provider.</summary>
    public static class PartnerCenterMeterProviderBuilderExtensions
    {
        /// <summary>Subscribes to the <c>PartnerCenter.Observability</c> Meter.</summary>
        /// <param name="builder">The meter provider builder.</param>
        /// <returns>The same builder.</returns>
        public static MeterProviderBuilder AddPartnerCenterInstrumentation(this MeterProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddMeter(PartnerCenterTelemetryNames.SourceName);
        }
    }
}
