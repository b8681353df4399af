using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Responses;

/// <summary>
/// Builds Partner Center error bodies: <c>{"code": 800020, "description": "...", "data": [], "source": "PartnerFD"}</c>,
/// the description being the catalogue template with its placeholders filled. A pure function of the outcome.
/// </summary>
internal static class ErrorBody
{
    public const string ContentType = "application/json; charset=utf-8";
    public const string Source = "PartnerFD";

    // Apostrophes ("isn't") are sent as they are, as Partner Center does, rather than as \u0027.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The description sent for an outcome: the filled catalogue template, or the throttling text.</summary>
    public static string DescriptionOf(SimulatedOutcome outcome)
    {
        if (outcome.Error is { } error)
        {
            return DescriptionFiller.Fill(error.Template, outcome.Entropy);
        }

        if (outcome.Description is { } description)
        {
            return description;
        }

        return outcome.Kind == OutcomeKind.Throttled
            ? (outcome.RetryAfter == RetryAfterForm.Seconds
                ? string.Create(CultureInfo.InvariantCulture, $"Rate limit is exceeded. Try again in {outcome.RetryAfterSeconds} seconds.")
                : "Rate limit is exceeded. Try again later.")
            : "The request failed.";
    }

    /// <summary>The UTF-8 JSON body for an outcome with a JSON error body.</summary>
    public static byte[] Build(SimulatedOutcome outcome) =>
        Build(outcome.Code, outcome.CodeAsString, DescriptionOf(outcome));

    /// <summary>The UTF-8 JSON body for a code (sent as a number when it is numeric and not <paramref name="codeAsString"/>) and a description.</summary>
    public static byte[] Build(string? code, bool codeAsString, string description, string source = Source)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (description.Length * 2));
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (code is not null)
            {
                if (!codeAsString && long.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    json.WriteNumber("code", number);
                }
                else
                {
                    json.WriteString("code", code);
                }
            }

            json.WriteString("description", description);
            json.WriteStartArray("data");
            json.WriteEndArray();
            json.WriteString("source", source);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
