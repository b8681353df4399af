using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>Loads YAML and JSON files as <see cref="JsonNode"/> trees (YAML scalars become strings).</summary>
internal static class Files
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static JsonNode Yaml(string path) =>
        ToNode(Deserializer.Deserialize<object>(File.ReadAllText(path))) ?? throw new InvalidDataException(path + " is empty");

    public static JsonNode Json(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException(path + " is empty");

    /// <summary>The value of a scalar, whether JSON string, number or boolean, or a YAML scalar.</summary>
    public static string Text(this JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    public static IEnumerable<JsonNode> Items(this JsonNode? node) =>
        node is JsonArray array ? array.Where(item => item is not null).Select(item => item!) : [];

    public static bool Flag(this JsonNode? node) => node.Text() is "true" or "True";

    public static double Number(this JsonNode? node) => double.Parse(node.Text(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        IDictionary<object, object> map => new JsonObject(map.Select(pair =>
            KeyValuePair.Create(Convert.ToString(pair.Key, CultureInfo.InvariantCulture) ?? "", ToNode(pair.Value)))),
        IList<object> list => new JsonArray([.. list.Select(ToNode)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
