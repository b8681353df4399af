using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Testing;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>One input sent through the bare client and through the handler, with every signal the handler's side produced.</summary>
internal sealed class ProbeResult
{
    public required ProbeSide Plain { get; init; }

    public required ProbeSide Instrumented { get; init; }

    public required IReadOnlyList<Activity> Spans { get; init; }

    public required IReadOnlyList<IReadOnlyDictionary<string, object?>> DurationTags { get; init; }

    public required IReadOnlyList<IReadOnlyDictionary<string, object?>> ErrorTags { get; init; }

    public required IReadOnlyList<FakeLogRecord> Logs { get; init; }

    public Activity Span => Assert.Single(Spans);

    public IReadOnlyDictionary<string, object?> Duration => Assert.Single(DurationTags);

    /// <summary>
    /// Every value of every signal of ours as text: span names and tags, metric tags, our log records' messages and
    /// properties, the exception's message and ids. (The runtime's own HttpClient log records carry the URL with or
    /// without us; log scopes are checked apart.)
    /// </summary>
    public string AllSignalText()
    {
        var text = new StringBuilder();
        foreach (var span in Spans)
        {
            text.Append(span.DisplayName).Append('\n');
            foreach (var (key, value) in span.TagObjects)
            {
                text.Append(key).Append('=').Append(value).Append('\n');
            }
        }

        foreach (var tags in DurationTags.Concat(ErrorTags))
        {
            foreach (var (key, value) in tags)
            {
                text.Append(key).Append('=').Append(value).Append('\n');
            }
        }

        foreach (var log in Logs.Where(l => l.Category == PartnerCenterTelemetryNames.SourceName))
        {
            text.Append(log.Message).Append('\n');
            foreach (var (key, value) in log.StructuredState ?? [])
            {
                text.Append(key).Append('=').Append(value).Append('\n');
            }
        }

        if (Instrumented.EnsureException is PartnerCenterException error)
        {
            text.Append(error.Message).Append('\n')
                .Append(error.RequestId).Append('\n')
                .Append(error.CorrelationId).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The text of our own failure log records (the failure events, ids 10 to 16): message and properties.</summary>
    public string FailureLogText() => string.Join('\n', Logs.Where(l => l.Id.Id is >= 10 and <= 16 && l.Category == PartnerCenterTelemetryNames.SourceName)
        .Select(l => l.Message + "\n" + string.Join('\n', (l.StructuredState ?? []).Select(p => p.Key + "=" + p.Value))));
}
