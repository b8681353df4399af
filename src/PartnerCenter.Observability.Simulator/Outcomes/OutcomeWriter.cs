using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using PartnerCenter.Observability.Simulator.Hosting;
using PartnerCenter.Observability.Simulator.Responses;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Outcomes;

/// <summary>Carries out a planned failure on the wire: JSON errors, 429s, gateway pages, empty and slow bodies, held responses, dropped connections.</summary>
internal static class OutcomeWriter
{
    public const string InvalidOverrideCode = "SimulatorInvalidOutcome";

    /// <summary>The error code of the 404 sent for a path no route serves.</summary>
    public const string NotFoundCode = "ResourceNotFound";

    /// <summary>Carries the outcome out.</summary>
    /// <returns><see langword="false"/> when the connection was aborted instead of answered (a drop, or a client or simulator that went away during a stall).</returns>
    public static async Task<bool> WriteAsync(SimulatorState state, HttpContext context, SimulatedOutcome outcome, ResponseHeaders.RequestIds ids, long sequence)
    {
        var response = context.Response;
        switch (outcome.Kind)
        {
            case OutcomeKind.Drop:
                context.Abort();
                return false;

            case OutcomeKind.Error:
                AddAuthenticateChallenge(state, response, outcome.StatusCode);
                await WriteBodyAsync(response, outcome.StatusCode, ErrorBody.ContentType, ErrorBody.Build(outcome)).ConfigureAwait(false);
                return true;

            case OutcomeKind.Throttled:
                AddRetryAfter(state, response, outcome);
                await WriteBodyAsync(response, outcome.StatusCode, ErrorBody.ContentType, ErrorBody.Build(outcome)).ConfigureAwait(false);
                return true;

            case OutcomeKind.GatewayPage:
                await WriteBodyAsync(response, outcome.StatusCode, GatewayPages.ContentType, GatewayPages.For(outcome.StatusCode, ids.RequestId)).ConfigureAwait(false);
                return true;

            case OutcomeKind.EmptyBody:
                response.StatusCode = outcome.StatusCode;
                response.ContentType = ErrorBody.ContentType;
                response.ContentLength = 0;
                return true;

            case OutcomeKind.SlowBody:
                return await WriteSlowBodyAsync(state, context, outcome, sequence).ConfigureAwait(false);

            case OutcomeKind.Timeout:
                if (!await DelayAsync(state, context, state.TimeoutDelay, outcome, sequence).ConfigureAwait(false))
                {
                    return false;
                }

                await WriteBodyAsync(response, outcome.StatusCode, GatewayPages.ContentType, GatewayPages.For(outcome.StatusCode, ids.RequestId)).ConfigureAwait(false);
                return true;

            default:
                throw new InvalidOperationException($"Outcome {outcome.Kind} has no writer.");
        }
    }

    public static Task WriteInvalidOverrideAsync(HttpContext context, string reason) =>
        WriteBodyAsync(
            context.Response,
            StatusCodes.Status400BadRequest,
            ErrorBody.ContentType,
            ErrorBody.Build(InvalidOverrideCode, codeAsString: true, "Invalid X-Simulator-Outcome header: " + reason, source: "PartnerCenterSimulator"));

    /// <summary>Partner Center's 404 for a path that no route matches.</summary>
    public static Task WriteNotFoundAsync(HttpContext context) =>
        WriteBodyAsync(
            context.Response,
            StatusCodes.Status404NotFound,
            ErrorBody.ContentType,
            ErrorBody.Build(NotFoundCode, codeAsString: true, "The requested resource was not found."));

    /// <summary>Writes a whole body with its length.</summary>
    public static async Task WriteBodyAsync(HttpResponse response, int statusCode, string contentType, byte[] body)
    {
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    private static async Task<bool> WriteSlowBodyAsync(SimulatorState state, HttpContext context, SimulatedOutcome outcome, long sequence)
    {
        var response = context.Response;
        var body = ErrorBody.Build(outcome);
        var firstPart = body.Length / 2;
        response.StatusCode = outcome.StatusCode;
        response.ContentType = ErrorBody.ContentType;
        response.ContentLength = body.Length;
        AddAuthenticateChallenge(state, response, outcome.StatusCode);
        try
        {
            await response.Body.WriteAsync(body.AsMemory(0, firstPart), context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }

        if (!await DelayAsync(state, context, state.SlowBodyDelay, outcome, sequence).ConfigureAwait(false))
        {
            return false;
        }

        await response.Body.WriteAsync(body.AsMemory(firstPart)).ConfigureAwait(false);
        return true;
    }

    /// <summary>Waits on the simulator's clock; false (and the connection aborted) when the client went away or the simulator is stopping.</summary>
    private static async Task<bool> DelayAsync(SimulatorState state, HttpContext context, TimeSpan delay, SimulatedOutcome outcome, long sequence)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, state.Stopping);
        try
        {
            await Task.Delay(delay, state.TimeProvider, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            SimulatorLog.Abandoned(state.Logger, sequence, outcome.Name);
            context.Abort();
            return false;
        }
    }

    private static void AddAuthenticateChallenge(SimulatorState state, HttpResponse response, int statusCode)
    {
        if (statusCode == StatusCodes.Status401Unauthorized)
        {
            response.Headers[HeaderNames.WWWAuthenticate] = "OAuth realm=urn:cpsvc:cpid:" + state.PartnerId;
        }
    }

    private static void AddRetryAfter(SimulatorState state, HttpResponse response, SimulatedOutcome outcome)
    {
        switch (outcome.RetryAfter)
        {
            case RetryAfterForm.Seconds:
                response.Headers[HeaderNames.RetryAfter] = outcome.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                break;
            case RetryAfterForm.HttpDate:
                response.Headers[HeaderNames.RetryAfter] = RetryAfterDate(state.TimeProvider.GetUtcNow(), outcome.RetryAfterSeconds);
                break;
            default:
                break;
        }
    }

    /// <summary>The HTTP date <paramref name="seconds"/> after <paramref name="now"/>, rounded up to a whole second (HTTP dates have no fractions).</summary>
    public static string RetryAfterDate(DateTimeOffset now, int seconds)
    {
        var at = now.AddSeconds(seconds);
        var ticks = at.UtcTicks;
        var whole = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (whole < at)
        {
            whole = whole.AddSeconds(1);
        }

        return whole.ToString("R", CultureInfo.InvariantCulture);
    }
}
