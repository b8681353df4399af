using System.Text.Json;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// A bounded, tolerant reader of Partner Center error bodies over <see cref="Utf8JsonReader"/>.
/// It looks at no more than its byte limit, never throws on any byte sequence, and accepts <c>code</c> as a number or a
/// string, the nested <c>{"error":{"code","message"}}</c> form, a UTF-8 BOM, any field order, unknown fields,
/// <c>data</c> of any shape, and truncated or invalid JSON (keeping what was read before the break).
/// </summary>
internal static class PartnerCenterPayloadReader
{
    private const int MaxDepth = 64;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = MaxDepth,
    };

    /// <summary>Whether a body with this content type is worth parsing: JSON-like types, or none at all.</summary>
    public static bool IsJsonLike(ReadOnlySpan<char> mediaType)
    {
        mediaType = mediaType.Trim();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon].TrimEnd();
        }

        return mediaType.IsEmpty
            || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    public static PayloadReadResult Read(ReadOnlySpan<byte> body, int maxBytes)
    {
        var truncated = body.Length > maxBytes;
        if (truncated)
        {
            body = body[..Math.Max(0, maxBytes)];
        }

        var offset = 0;
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            offset = 3;
        }

        var json = body[offset..];
        if (json.TrimStart(" \t\r\n"u8).IsEmpty)
        {
            return new PayloadReadResult(truncated ? PartnerCenterPayloadOutcome.Truncated : PartnerCenterPayloadOutcome.Empty, body.Length, TokenSlice.None, TokenSlice.None);
        }

        var code = TokenSlice.None;
        var description = TokenSlice.None;
        PartnerCenterPayloadOutcome outcome;
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read())
            {
                return new PayloadReadResult(truncated ? PartnerCenterPayloadOutcome.Truncated : PartnerCenterPayloadOutcome.Empty, body.Length, code, description);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new PayloadReadResult(PartnerCenterPayloadOutcome.Unrecognised, body.Length, code, description);
            }

            ReadErrorObject(ref reader, offset, ref code, ref description);
            outcome = code.IsPresent || description.IsPresent ? PartnerCenterPayloadOutcome.Parsed : PartnerCenterPayloadOutcome.Unrecognised;
        }
        catch (JsonException)
        {
            outcome = truncated ? PartnerCenterPayloadOutcome.Truncated : PartnerCenterPayloadOutcome.Invalid;
        }

        if (truncated && outcome == PartnerCenterPayloadOutcome.Unrecognised)
        {
            outcome = PartnerCenterPayloadOutcome.Truncated;
        }

        return new PayloadReadResult(outcome, body.Length, code, description);
    }

    /// <summary>Reads the properties of the object the reader stands on, stopping once both code and description are known.</summary>
    private static void ReadErrorObject(ref Utf8JsonReader reader, int offset, ref TokenSlice code, ref TokenSlice description)
    {
        var depth = reader.CurrentDepth;
        var descriptionIsPrimary = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var name = Classify(ref reader);
            if (!reader.Read())
            {
                return;
            }

            switch (name)
            {
                case PropertyKind.Code when !code.IsPresent && reader.TokenType is JsonTokenType.Number or JsonTokenType.String:
                    code = Slice(ref reader, offset);
                    break;
                case PropertyKind.Description when reader.TokenType == JsonTokenType.String && !descriptionIsPrimary:
                    description = Slice(ref reader, offset);
                    descriptionIsPrimary = true;
                    break;
                case PropertyKind.Message when reader.TokenType == JsonTokenType.String && !description.IsPresent:
                    description = Slice(ref reader, offset);
                    break;
                case PropertyKind.Error when reader.TokenType == JsonTokenType.StartObject && !code.IsPresent:
                    ReadErrorObject(ref reader, offset, ref code, ref description);
                    break;
                default:
                    reader.Skip();
                    break;
            }

            if (code.IsPresent && descriptionIsPrimary)
            {
                return;
            }
        }
    }

    private static TokenSlice Slice(ref Utf8JsonReader reader, int offset)
    {
        var isString = reader.TokenType == JsonTokenType.String;
        var start = offset + (int)reader.TokenStartIndex + (isString ? 1 : 0);
        return new TokenSlice(start, reader.ValueSpan.Length, isString, reader.ValueIsEscaped);
    }

    private static PropertyKind Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return PropertyKind.Other;
        }

        var name = reader.ValueSpan;
        if (AsciiEquals(name, "code"u8) || AsciiEquals(name, "errorCode"u8))
        {
            return PropertyKind.Code;
        }

        if (AsciiEquals(name, "description"u8))
        {
            return PropertyKind.Description;
        }

        if (AsciiEquals(name, "message"u8))
        {
            return PropertyKind.Message;
        }

        return AsciiEquals(name, "error"u8) ? PropertyKind.Error : PropertyKind.Other;
    }

    private static bool AsciiEquals(ReadOnlySpan<byte> value, ReadOnlySpan<byte> expected) =>
        System.Text.Ascii.EqualsIgnoreCase(value, expected);

    private enum PropertyKind
    {
        Other,
        Code,
        Description,
        Message,
        Error,
    }
}
