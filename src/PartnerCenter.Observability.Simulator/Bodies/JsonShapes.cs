using System.Globalization;
using System.Text.Json.Nodes;

namespace PartnerCenter.Observability.Simulator.Bodies;

/// <summary>The pieces every Partner Center resource shares: <c>links</c>, <c>attributes.objectType</c>, collections, dates.</summary>
internal static class JsonShapes
{
    /// <summary>A link: <c>{"uri": "/customers/...", "method": "GET", "headers": []}</c>.</summary>
    public static JsonObject Link(string uri, string method = "GET") => new()
    {
        ["uri"] = uri,
        ["method"] = method,
        ["headers"] = new JsonArray(),
    };

    /// <summary><c>{"self": {...}}</c> plus any other named links.</summary>
    public static JsonObject Links(string selfUri, params (string Name, string Uri)[] others)
    {
        var links = new JsonObject { ["self"] = Link(selfUri) };
        foreach (var (name, uri) in others)
        {
            links[name] = Link(uri);
        }

        return links;
    }

    /// <summary><c>{"objectType": "..."}</c>.</summary>
    public static JsonObject Attributes(string objectType) => new() { ["objectType"] = objectType };

    /// <summary>A Partner Center collection: <c>{"totalCount": n, "items": [...], "links": {...}, "attributes": {"objectType": "Collection"}}</c>.</summary>
    public static JsonObject Collection(IEnumerable<JsonNode> items, string selfUri)
    {
        var array = new JsonArray([.. items]);
        return new JsonObject
        {
            ["totalCount"] = array.Count,
            ["items"] = array,
            ["links"] = Links(selfUri),
            ["attributes"] = Attributes("Collection"),
        };
    }

    /// <summary>An ISO 8601 UTC timestamp, as Partner Center writes them.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>A string property of a request body, or the fallback.</summary>
    public static string Text(JsonObject? body, string name, string fallback) =>
        body?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : fallback;

    /// <summary>An integer property of a request body, or the fallback.</summary>
    public static int Number(JsonObject? body, string name, int fallback) =>
        body?[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : fallback;

    /// <summary>A Boolean property of a request body, or the fallback.</summary>
    public static bool Flag(JsonObject? body, string name, bool fallback) =>
        body?[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : fallback;

    /// <summary>The objects of an array property of a request body (none when absent).</summary>
    public static IReadOnlyList<JsonObject> Objects(JsonObject? body, string name) =>
        body?[name] is JsonArray array ? [.. array.OfType<JsonObject>()] : [];
}
