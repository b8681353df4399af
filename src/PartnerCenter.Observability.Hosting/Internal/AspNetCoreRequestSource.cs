namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// The ActivitySource ASP.NET Core creates each request's Activity from when it has a listener. Without one, ASP.NET
/// Core still creates the request Activity (for log correlation and propagation) but outside any sampler: it is never
/// recorded, and the default parent-based sampler then drops every span started inside the request, ours included. The
/// one-liner listens to this source, so that the app's own sampler (the default, one set in code or
/// <c>OTEL_TRACES_SAMPLER</c>) decides for the request, honoring an incoming <c>traceparent</c>; the library never
/// replaces the app's sampler. This is the OpenTelemetry SDK's own advice for apps without the ASP.NET Core
/// instrumentation. In a worker with no ASP.NET Core, the source never exists and listening to it costs nothing.
/// </summary>
internal static class AspNetCoreRequestSource
{
    /// <summary>The name ASP.NET Core gives the source (its hosting diagnostics' default).</summary>
    public const string Name = "Microsoft.AspNetCore";
}
