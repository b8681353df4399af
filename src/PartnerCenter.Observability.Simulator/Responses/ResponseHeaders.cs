using Microsoft.AspNetCore.Http;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Responses;

/// <summary>The headers Partner Center puts on every response: the request and correlation ids echoed, a correlation vector, a server id.</summary>
internal static class ResponseHeaders
{
    public const string RequestId = "MS-RequestId";
    public const string CorrelationId = "MS-CorrelationId";
    public const string CorrelationVector = "MS-CV";
    public const string ServerId = "MS-ServerId";

    /// <summary>The ids of one request: as the client sent them (or <see langword="null"/>), and as echoed (generated when absent).</summary>
    public readonly record struct RequestIds(string? SentRequestId, string? SentCorrelationId, string RequestId, string CorrelationId);

    /// <summary>Reads the ids, generating the missing ones from the seed and sequence, and writes the response headers.</summary>
    public static RequestIds Apply(HttpContext context, int seed, long sequence)
    {
        var request = context.Request.Headers;
        var sentRequestId = NullIfEmpty(request[RequestId].ToString());
        var sentCorrelationId = NullIfEmpty(request[CorrelationId].ToString());
        var incomingVector = NullIfEmpty(request[CorrelationVector].ToString());

        // A stream of its own (-1), so that the generated ids do not repeat the scenario draws.
        var random = new DeterministicRandom(seed, -1, sequence);
        var requestId = sentRequestId ?? random.NextGuid().ToString();
        var correlationId = sentCorrelationId ?? random.NextGuid().ToString();
        var vector = incomingVector is null ? NewVector(ref random) : incomingVector + ".0";

        var response = context.Response.Headers;
        response[RequestId] = requestId;
        response[CorrelationId] = correlationId;
        response[CorrelationVector] = vector;
        response[ServerId] = "101112012";
        return new RequestIds(sentRequestId, sentCorrelationId, requestId, correlationId);
    }

    private static string NewVector(ref DeterministicRandom random)
    {
        Span<byte> bytes = stackalloc byte[12];
        BitConverter.TryWriteBytes(bytes, random.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], (uint)random.NextUInt64());
        return Convert.ToBase64String(bytes).Replace('+', 'x').Replace('/', 'y') + ".0";
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
