using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Hosting;

/// <summary>The request log lines of <see cref="RedactingHttpClientLogger"/>: the default logical handler's texts and event ids.</summary>
internal static partial class RedactingHttpClientLog
{
    [LoggerMessage(EventId = 100, EventName = "RequestPipelineStart", Level = LogLevel.Information, Message = "Start processing HTTP request {HttpMethod} {Uri}")]
    public static partial void RequestStart(ILogger logger, string httpMethod, string uri);

    [LoggerMessage(EventId = 101, EventName = "RequestPipelineEnd", Level = LogLevel.Information, Message = "End processing HTTP request after {ElapsedMilliseconds}ms - {StatusCode}")]
    public static partial void RequestEnd(ILogger logger, double elapsedMilliseconds, int statusCode);

    [LoggerMessage(EventId = 104, EventName = "RequestPipelineFailed", Level = LogLevel.Warning, Message = "HTTP request failed after {ElapsedMilliseconds}ms: {ExceptionType}")]
    public static partial void RequestFailed(ILogger logger, double elapsedMilliseconds, string exceptionType);
}
