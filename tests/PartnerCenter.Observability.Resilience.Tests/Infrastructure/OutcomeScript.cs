using System.Collections.Concurrent;
using PartnerCenter.Observability.Simulator;

namespace PartnerCenter.Observability.Resilience.Tests.Infrastructure;

/// <summary>
/// The outcomes successive attempts force on the simulator (<c>X-Simulator-Outcome</c>), one per attempt. The retry
/// pipeline resends the same request message, so the header must change per attempt: <see cref="ScriptHandler"/> does
/// that from inside the retry loop. With the script empty, the simulator's scenario decides.
/// </summary>
internal sealed class OutcomeScript
{
    private readonly ConcurrentQueue<string> _outcomes = new();

    public void Enqueue(params string[] outcomes)
    {
        foreach (var outcome in outcomes)
        {
            _outcomes.Enqueue(outcome);
        }
    }

    public string? Next() => _outcomes.TryDequeue(out var outcome) ? outcome : null;
}

/// <summary>
/// Sits inside the retry loop (added after the resilience handler): sets this attempt's forced outcome, and asks for a
/// fresh connection per attempt, so that SocketsHttpHandler never silently resends a dropped request itself.
/// </summary>
internal sealed class ScriptHandler(OutcomeScript script) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.ConnectionClose = true;
        request.Headers.Remove(PartnerCenterSimulator.OutcomeHeader);
        if (script.Next() is { } outcome)
        {
            request.Headers.TryAddWithoutValidation(PartnerCenterSimulator.OutcomeHeader, outcome);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
