using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerCenter.Observability.Simulator.Hosting;
using PartnerCenter.Observability.Simulator.Outcomes;
using PartnerCenter.Observability.Simulator.Responses;

namespace PartnerCenter.Observability.Simulator.Routes;

/// <summary>
/// The simulator's own control routes, outside Partner Center's <c>/v1/</c> (not numbered, recorded or failed):
/// <c>GET /_simulator/scenario</c> and <c>PUT /_simulator/scenario/{name}</c> to switch scenario from outside the process.
/// </summary>
internal static class ControlRoutes
{
    public static void Map(IEndpointRouteBuilder app, SimulatorState state)
    {
        app.MapGet(OutcomePipeline.ControlPathPrefix + "/scenario", (RequestDelegate)(context => WriteStateAsync(context, state)));
        app.MapPut(OutcomePipeline.ControlPathPrefix + "/scenario/{name}", (RequestDelegate)(context =>
        {
            var name = context.Request.RouteValues["name"]?.ToString();
            if (!PartnerCenterScenarioNames.TryParse(name, out var scenario))
            {
                return OutcomeWriter.WriteBodyAsync(
                    context.Response,
                    StatusCodes.Status400BadRequest,
                    ErrorBody.ContentType,
                    ErrorBody.Build("SimulatorUnknownScenario", codeAsString: true, $"Unknown scenario '{name}'. Scenarios: {PartnerCenterScenarioNames.Joined}.", source: "PartnerCenterSimulator"));
            }

            state.Scenario = scenario;
            return WriteStateAsync(context, state);
        }));
    }

    private static Task WriteStateAsync(HttpContext context, SimulatorState state)
    {
        var body = new JsonObject
        {
            ["scenario"] = state.Scenario.ToName(),
            ["seed"] = state.Seed,
            ["requestCount"] = state.RequestCount,
        };
        return OutcomeWriter.WriteBodyAsync(context.Response, StatusCodes.Status200OK, ErrorBody.ContentType, System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
    }
}
