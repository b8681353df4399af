using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Simulator.Outcomes;
using PartnerCenter.Observability.Simulator.Responses;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Routes;

/// <summary>What a route handler needs of its request: route values, new ids that follow the seed, the clock, the JSON body.</summary>
internal sealed class RouteRequest
{
    private const int MaxRequestBodyBytes = 64 * 1024;

    private static readonly PartnerCenterErrorDefinition InvalidInput =
        PartnerCenterErrorCatalog.TryFind(StatusCodes.Status400BadRequest, "800002", out var row) ? row : throw new InvalidOperationException("400 800002 is not catalogued.");
    private DeterministicRandom _random;

    public RouteRequest(HttpContext context, TimeProvider timeProvider)
    {
        Context = context;
        var feature = context.Features.Get<SimulatorRequestFeature>() ?? new SimulatorRequestFeature(0, 0);
        _random = feature.CreateRandom();
        Pick = (int)(_random.NextUInt64() % 1_000_000);
        Now = timeProvider.GetUtcNow();
    }

    public HttpContext Context { get; }

    /// <summary>A number that picks names and offers for the body.</summary>
    public int Pick { get; }

    public DateTimeOffset Now { get; }

    public string Route(string name) => Context.Request.RouteValues[name]?.ToString() ?? string.Empty;

    public Guid NewId() => _random.NextGuid();

    /// <summary>Reads the JSON object body: <see langword="null"/> when empty; false when it is not a JSON object (or too large).</summary>
    public async Task<(bool Ok, JsonObject? Body)> ReadBodyAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        var stream = Context.Request.Body;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.GetMemory(4096), Context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxRequestBodyBytes)
            {
                return (false, null);
            }
        }

        if (buffer.WrittenCount == 0)
        {
            return (true, null);
        }

        try
        {
            return JsonNode.Parse(buffer.WrittenSpan) is JsonObject body ? (true, body) : (false, null);
        }
        catch (JsonException)
        {
            return (false, null);
        }
    }

    /// <summary>Writes a JSON body with its length.</summary>
    public Task WriteAsync(int statusCode, JsonNode body)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(json);
        }

        return OutcomeWriter.WriteBodyAsync(Context.Response, statusCode, ErrorBody.ContentType, buffer.WrittenSpan.ToArray());
    }

    /// <summary>The 400 Partner Center sends for a body it cannot read: the catalogue's 800002, "Invalid request input".</summary>
    public Task WriteInvalidInputAsync() =>
        OutcomeWriter.WriteBodyAsync(Context.Response, StatusCodes.Status400BadRequest, ErrorBody.ContentType, ErrorBody.Build(InvalidInput.Code, codeAsString: false, InvalidInput.Template));
}
