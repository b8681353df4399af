using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.Hardening.Tests.Infrastructure;

/// <summary>
/// A log provider that keeps only what the load tests compare: each failure event's request id,
/// status and code (cheap enough for a million calls).
/// </summary>
internal sealed class FailureLogCollector : ILoggerProvider
{
    private long _count;

    public ConcurrentDictionary<string, (int? Status, string? Code, string? Category)> ByRequestId { get; } = new(StringComparer.Ordinal);

    public long Count => Interlocked.Read(ref _count);

    public long Duplicates { get; private set; }

    public ILogger CreateLogger(string categoryName) => categoryName == PartnerCenterTelemetryNames.SourceName ? new Logger(this) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(FailureLogCollector owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Ids 10 to 16 are the failure events (docs/telemetry.md).
            if (eventId.Id is < 10 or > 16 || state is not IReadOnlyList<KeyValuePair<string, object?>> properties)
            {
                return;
            }

            string? requestId = null, code = null, category = null;
            int? status = null;
            foreach (var (key, value) in properties)
            {
                switch (key)
                {
                    case PartnerCenterTelemetryNames.Tags.RequestId:
                        requestId = value as string;
                        break;
                    case PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode:
                        status = value as int?;
                        break;
                    case PartnerCenterTelemetryNames.Tags.ErrorCode:
                        code = value as string;
                        break;
                    case PartnerCenterTelemetryNames.Tags.ErrorCategory:
                        category = value as string;
                        break;
                    default:
                        break;
                }
            }

            Interlocked.Increment(ref owner._count);
            if (requestId is null || !owner.ByRequestId.TryAdd(requestId, (status, code, category)))
            {
                lock (owner)
                {
                    owner.Duplicates++;
                }
            }
        }
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
