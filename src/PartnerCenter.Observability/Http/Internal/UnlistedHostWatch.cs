using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Logging;
using PartnerCenter.Observability.Operations;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Tells the app once when the handler added to every client (<c>services.AddPartnerCenterTelemetry()</c>, the
/// one-liner) skips calls that look like Partner Center's because their host is not in
/// <see cref="PartnerCenterTelemetryOptions.Hosts"/> (the simulator's <c>127.0.0.1:port</c>, a proxy): one Warning,
/// <c>PartnerCenterHostNotInstrumented</c>, for the first skipped request whose path is a Partner Center route template,
/// as long as no request has matched a listed host. It looks at the first <see cref="WatchedRequests"/> skipped requests
/// of a service provider only, and at none once a request matched or it has warned, so an app that calls other hosts
/// pays nothing after that.
/// </summary>
internal sealed class UnlistedHostWatch
{
    /// <summary>How many skipped requests are looked at, at most, per service provider.</summary>
    public const int WatchedRequests = 1000;

    private int _examined;
    private int _done;

    /// <summary>A request matched a listed host: the hosts are set up, there is nothing to warn about.</summary>
    public void Matched()
    {
        if (Volatile.Read(ref _done) == 0)
        {
            Volatile.Write(ref _done, 1);
        }
    }

    /// <summary>A request was skipped for its host: warns once if it looks like a Partner Center call.</summary>
    public void Skipped(HttpRequestMessage request, OperationNameResolver operations, ILogger logger)
    {
        if (Volatile.Read(ref _done) != 0 || Interlocked.Increment(ref _examined) > WatchedRequests)
        {
            return;
        }

        if (request.RequestUri is not { IsAbsoluteUri: true } uri
            || !operations.TryMatchTemplate(uri.AbsolutePath, out var operation)
            || Interlocked.Exchange(ref _done, 1) != 0)
        {
            return;
        }

        if (logger.IsEnabled(LogLevel.Warning))
        {
            PartnerCenterLog.HostNotInstrumented(logger, TagValues.Method(request.Method), operation, uri.Host, uri.Port);
        }
    }
}
