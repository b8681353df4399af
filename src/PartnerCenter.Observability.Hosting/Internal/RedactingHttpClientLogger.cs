using System.Diagnostics;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Hosting;

/// <summary>
/// IHttpClientFactory's request logging, with every client's URLs redacted, whatever the host: the route template when
/// one matches, else only route-table words and API versions kept (every other segment <c>{id}</c>), never user info,
/// the query or the fragment. On every logging path: the console and JSON console loggers, Serilog and any other
/// provider, not only the OpenTelemetry export. It replaces the factory's default loggers (and their URL-carrying
/// scope) with one pair of lines per logical request, in the default loggers' format.
/// </summary>
internal sealed class RedactingHttpClientLogger : IHttpClientLogger
{
    /// <summary>The category: under the runtime's own prefix, so that filters on <c>System.Net.Http.HttpClient</c> keep working.</summary>
    public const string Category = "System.Net.Http.HttpClient.PartnerCenter.LogicalHandler";

    private readonly ILogger _logger;
    private readonly PartnerCenterUrlRedaction _redaction;

    public RedactingHttpClientLogger(ILoggerFactory loggers, PartnerCenterUrlRedaction redaction)
    {
        _logger = loggers.CreateLogger(Category);
        _redaction = redaction;
    }

    public object? LogRequestStart(HttpRequestMessage request)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var uri = Redact(request.RequestUri);
            RedactingHttpClientLog.RequestStart(_logger, request.Method.Method, uri);
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            RedactingHttpClientLog.RequestEnd(_logger, elapsed.TotalMilliseconds, (int)response.StatusCode);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            RedactingHttpClientLog.RequestFailed(_logger, elapsed.TotalMilliseconds, exception.GetType().Name);
        }
    }

    private string Redact(Uri? uri)
    {
        try
        {
            return uri is null ? string.Empty : _redaction.Redact(uri);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Debug.Fail(ex.Message);
            return "(redacted)";
        }
    }
}
