using System.Diagnostics;
using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>
/// Starts and stops the library's spans so that a throwing listener never reaches the app: faults go to the
/// EventSource, and a span a listener threw on after it started is still returned, so that it gets stopped and
/// <see cref="Activity.Current"/> restored.
/// </summary>
internal static class SafeActivity
{
    public static Activity? Start(string name, ActivityKind kind, string stage)
    {
        var source = PartnerCenterActivitySource.Instance;
        if (!source.HasListeners())
        {
            return null;
        }

        var parent = Activity.Current;
        try
        {
            return source.StartActivity(name, kind);
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault(stage, ex);
            return Activity.Current is { } current && current != parent && current.Source == source ? current : null;
        }
    }

    public static void Stop(Activity? activity, string stage)
    {
        try
        {
            activity?.Dispose();
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault(stage, ex);
        }
    }
}
