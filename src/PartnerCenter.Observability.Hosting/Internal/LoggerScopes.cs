using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Diagnostics;

namespace PartnerCenter.Observability.Hosting;

/// <summary>Creates the scope provider the logger factory would create itself, so that wrapping it changes nothing else.</summary>
internal static class LoggerScopes
{
    /// <summary>
    /// The runtime's own provider (which adds the activity-tracking scope the app configured in
    /// <see cref="LoggerFactoryOptions.ActivityTrackingOptions"/>); a plain <see cref="LoggerExternalScopeProvider"/> when
    /// the runtime's type cannot be created.
    /// </summary>
    public static IExternalScopeProvider CreateDefault(LoggerFactoryOptions? options)
    {
        try
        {
            var type = typeof(LoggerFactory).Assembly.GetType("Microsoft.Extensions.Logging.LoggerFactoryScopeProvider", throwOnError: false);
            if (type is not null && Activator.CreateInstance(type, options?.ActivityTrackingOptions ?? ActivityTrackingOptions.None) is IExternalScopeProvider provider)
            {
                return provider;
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("log scope provider", ex);
        }

        return new LoggerExternalScopeProvider();
    }
}
