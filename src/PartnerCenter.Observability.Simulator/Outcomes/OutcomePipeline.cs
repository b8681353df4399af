using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Simulator.Hosting;
using PartnerCenter.Observability.Simulator.Responses;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Outcomes;

/// <summary>
/// The middleware every Partner Center request goes through: it numbers the request, echoes the ids, plans the outcome
/// (the scenario plan, or the <c>X-Simulator-Outcome</c> header), records the request and carries the outcome out.
/// A success goes on to the routes.
/// </summary>
internal static class OutcomePipeline
{
    public const string OutcomeHeader = "X-Simulator-Outcome";
    public const string ControlPathPrefix = "/_simulator";

    /// <summary>The outcome recorded for a path no route serves: always the 404 below, whatever the scenario.</summary>
    public const string UnknownRouteOutcome = "unknown-route";

    public static async Task InvokeAsync(SimulatorState state, HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(ControlPathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var sequence = state.NextSequence();
        var scenario = state.Scenario;
        var ids = ResponseHeaders.Apply(context, state.Seed, sequence);
        context.Features.Set(new SimulatorRequestFeature(state.Seed, sequence));

        var forced = false;
        string? invalidOverride = null;
        SimulatedOutcome? outcome = null;
        var header = context.Request.Headers[OutcomeHeader].ToString();
        if (state.AllowOutcomeOverride && !string.IsNullOrWhiteSpace(header))
        {
            forced = OutcomeOverride.TryParse(header, state.Seed, sequence, out outcome, out invalidOverride);
        }

        outcome ??= PartnerCenterScenarioPlan.Decide(state.Seed, scenario, sequence);

        // A path no route serves is the documented 404 whatever the scenario planned (a forced outcome still applies).
        var unknownRoute = !forced && invalidOverride is null && context.GetEndpoint() is null;
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var entry = state.Recorder.Add(new PartnerCenterSimulatorRequest
        {
            Sequence = sequence,
            Method = method,
            Path = path,
            RequestId = ids.SentRequestId,
            CorrelationId = ids.SentCorrelationId,
            StatusCode = 0,
            Outcome = unknownRoute ? UnknownRouteOutcome : invalidOverride is null ? outcome.Name : "invalid-override",
            ErrorCode = unknownRoute ? OutcomeWriter.NotFoundCode : invalidOverride is null ? outcome.Code : OutcomeWriter.InvalidOverrideCode,
            IntendedCategory = unknownRoute ? PartnerCenterErrorCategory.NotFound : invalidOverride is null ? outcome.Category : PartnerCenterErrorCategory.Validation,
            Scenario = scenario,
            Forced = forced || invalidOverride is not null,
            ReceivedAt = state.TimeProvider.GetUtcNow(),
        });

        context.Response.OnStarting(
            static target =>
            {
                var (recorded, http) = ((Recording.RequestRecorder.Entry, HttpContext))target;
                recorded.SetStatus(http.Response.StatusCode);
                return Task.CompletedTask;
            },
            (entry, context));

        if (invalidOverride is not null)
        {
            SimulatorLog.InvalidOverride(state.Logger, sequence, invalidOverride);
            await OutcomeWriter.WriteInvalidOverrideAsync(context, invalidOverride).ConfigureAwait(false);
            return;
        }

        if (unknownRoute)
        {
            SimulatorLog.Planned(state.Logger, sequence, method, path, UnknownRouteOutcome, StatusCodes.Status404NotFound, OutcomeWriter.NotFoundCode, forced);
            await OutcomeWriter.WriteNotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        SimulatorLog.Planned(state.Logger, sequence, method, path, outcome.Name, outcome.StatusCode, outcome.Code, forced);
        if (outcome.Kind != OutcomeKind.Success)
        {
            if (!await OutcomeWriter.WriteAsync(state, context, outcome, ids, sequence).ConfigureAwait(false) && !context.Response.HasStarted)
            {
                // A dropped connection (or one given up during a hold) sends no status, even though Kestrel may still
                // run the response's OnStarting callbacks after this middleware returns.
                entry.MarkNoResponse();
            }
        }
        else if (context.GetEndpoint() is null)
        {
            // No route matches the path (a known path with another method has routing's 405 endpoint).
            await OutcomeWriter.WriteNotFoundAsync(context).ConfigureAwait(false);
        }
        else
        {
            await next(context).ConfigureAwait(false);
        }
    }
}
