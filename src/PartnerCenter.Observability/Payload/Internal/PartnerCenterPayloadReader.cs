using System.Text.Json;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// A bounded, tolerant reader of Partner Center error bodies over <see cref="Utf8JsonReader"/>.
/// It looks at no more than its byte limit, never throws on any byte sequence, and accepts <c>code</c> as a number or a
/// string, the nested <c>{"error":{"code","message"}}</c> form, the API-gateway <c>{"statusCode","message"}</c> form,
/// the extra fields <c>message</c>, <c>errorName</c>, <c>isRetryable</c> and <c>errorMessageExtended</c>, exception names in <c>data</c>,
/// the OAuth 2.0 / Microsoft Entra error body <c>{"error":"invalid_grant","error_description":"AADSTS...","error_codes":[...]}</c>
/// (RFC 6749 §5.2: <c>error</c> as a string, <c>error_description</c> as the description), a UTF-8 BOM, any field order, unknown fields,
/// <c>data</c> of any shape, and truncated or invalid JSON (keeping what was read before the break).
/// </summary>
internal static class PartnerCenterPayloadReader
{
    private const int MaxDepth = 64;

    private static JsonReaderOptions ReaderOptions => new()
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

    /// <summary>Reads the error fields of a body.</summary>
    /// <param name="body">The body bytes.</param>
    /// <param name="maxBytes">The most bytes to look at.</param>
    /// <param name="complete">
    /// Read the whole error object (for <c>errorName</c> and exception names, which only uncatalogued codes need);
    /// otherwise stop once code and description are known, unless the rest mentions <c>isRetryable</c>.
    /// </param>
    public static PayloadReadResult Read(ReadOnlySpan<byte> body, int maxBytes, bool complete = false)
    {
        var truncated = body.Length > maxBytes;
        if (truncated)
        {
            body = body[..Math.Max(0, maxBytes)];
        }

        var offset = body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;

        var json = body[offset..];
        if (json.TrimStart(" \t\r\n"u8).IsEmpty)
        {
            return new PayloadReadResult(truncated ? PartnerCenterPayloadOutcome.Truncated : PartnerCenterPayloadOutcome.Empty, body.Length, default);
        }

        var fields = default(PayloadFields);
        PartnerCenterPayloadOutcome outcome;
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read())
            {
                // Stryker disable once Conditional : unreachable; over a final block the JSON reader throws when it finds no token (ReaderEarlyStopTests.A_body_with_no_token_is_invalid_never_empty).
                return new PayloadReadResult(truncated ? PartnerCenterPayloadOutcome.Truncated : PartnerCenterPayloadOutcome.Empty, body.Length, fields);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new PayloadReadResult(PartnerCenterPayloadOutcome.Unrecognized, body.Length, fields);
            }

            ReadErrorObject(ref reader, json, offset, complete, ref fields);
            outcome = fields.Code.IsPresent || fields.Description.IsPresent || fields.OAuthError.IsPresent ? PartnerCenterPayloadOutcome.Parsed : PartnerCenterPayloadOutcome.Unrecognized;
        }
        catch (JsonException)
        {
            outcome = truncated ? PartnerCenterPayloadOutcome.Truncated : PartnerCenterPayloadOutcome.Invalid;
        }

        if (truncated && outcome == PartnerCenterPayloadOutcome.Unrecognized)
        {
            outcome = PartnerCenterPayloadOutcome.Truncated;
        }

        return new PayloadReadResult(outcome, body.Length, fields);
    }

    /// <summary>
    /// Reads the properties of the object the reader stands on. Unless asked for the complete object, it stops once
    /// code and description are known and the rest of the body does not mention <c>isRetryable</c>.
    /// </summary>
    private static void ReadErrorObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int offset, bool complete, ref PayloadFields fields)
    {
        var depth = reader.CurrentDepth;
        var readToEnd = complete;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return;
            }

            // Stryker disable once Block,Statement : unreachable; every value is consumed below, so the loop meets only a property name or the object's own end.
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var name = Classify(ref reader);

            // Stryker disable once Block,Statement : unreachable; over a final block the JSON reader throws on a property name without a value.
            if (!reader.Read())
            {
                return;
            }

            switch (name)
            {
                case PropertyKind.Code when !fields.Code.IsPresent && reader.TokenType is JsonTokenType.Number or JsonTokenType.String:
                    fields.Code = Slice(ref reader, offset);
                    break;
                case PropertyKind.Description or PropertyKind.Message or PropertyKind.ExtendedMessage when reader.TokenType == JsonTokenType.String:
                    TakeDescription(ref reader, offset, name, ref fields);
                    break;
                case PropertyKind.ErrorName when reader.TokenType == JsonTokenType.String && !fields.ErrorName.IsPresent:
                    fields.ErrorName = Slice(ref reader, offset);
                    break;
                case PropertyKind.IsRetryable when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                    fields.Retryable = reader.TokenType == JsonTokenType.True ? ServerRetryable.Yes : ServerRetryable.No;
                    break;
                case PropertyKind.Data when reader.TokenType == JsonTokenType.StartArray && !fields.ExceptionName.IsPresent:
                    ReadData(ref reader, offset, ref fields);
                    break;
                case PropertyKind.Error when reader.TokenType == JsonTokenType.StartObject && !fields.Code.IsPresent:
                    ReadErrorObject(ref reader, json, offset, complete, ref fields);
                    break;
                case PropertyKind.Error when reader.TokenType == JsonTokenType.String && !fields.OAuthError.IsPresent && reader.ValueSpan.Length > 0:
                    fields.OAuthError = Slice(ref reader, offset);
                    break;
                default:
                    reader.Skip();
                    break;
            }

            if (!readToEnd && fields.Code.IsPresent && fields.DescriptionRank == DescriptionRank)
            {
                var rest = json[(int)Math.Min(reader.BytesConsumed, json.Length)..];
                if (fields.Retryable != ServerRetryable.NotStated || !Mentions(rest, hintsToo: false))
                {
                    // The complete read would find no other errorName, exception name or isRetryable: it need not happen.
                    fields.RestMayHoldMore |= Mentions(rest, hintsToo: true);
                    return;
                }

                readToEnd = true;
            }
        }
    }

    private const int DescriptionRank = 3;

    private static void TakeDescription(ref Utf8JsonReader reader, int offset, PropertyKind kind, ref PayloadFields fields)
    {
        var rank = kind switch
        {
            PropertyKind.Description => DescriptionRank,
            PropertyKind.Message => 2,
            _ => 1,
        };
        if (rank > fields.DescriptionRank && reader.ValueSpan.Length > 0)
        {
            fields.Description = Slice(ref reader, offset);
            fields.DescriptionRank = rank;
        }
    }

    /// <summary>
    /// Whether the unread rest of the body may hold <c>isRetryable</c> (or, <paramref name="hintsToo"/>, <c>errorName</c>
    /// or an exception name), in any casing: vectorised searches for an <c>e</c>, far cheaper than parsing on.
    /// </summary>
    private static bool Mentions(ReadOnlySpan<byte> rest, bool hintsToo)
    {
        int at;
        while ((at = rest.IndexOfAny((byte)'e', (byte)'E')) >= 0)
        {
            rest = rest[(at + 1)..];
            if (Follows(rest, "tryable"u8) || (hintsToo && (Follows(rest, "rrorname"u8) || Follows(rest, "xception"u8))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Follows(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> word) =>
        System.Text.Ascii.EqualsIgnoreCase(rest[..Math.Min(rest.Length, word.Length)], word);

    /// <summary>Looks through the top level of a <c>data</c> array for a string that starts with an exception name.</summary>
    private static void ReadData(ref Utf8JsonReader reader, int offset, ref PayloadFields fields)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            if (!fields.ExceptionName.IsPresent && !reader.ValueIsEscaped && ExceptionNameLength(reader.ValueSpan) is > 0 and var length)
            {
                var start = offset + (int)reader.TokenStartIndex + 1;
                fields.ExceptionName = new TokenSlice(start, length, IsString: true, IsEscaped: false);
            }
        }
    }

    /// <summary>The length of a leading identifier that ends in "Exception" (<c>LicenseQuotaExceededException : ...</c>), or 0.</summary>
    private static int ExceptionNameLength(ReadOnlySpan<byte> value)
    {
        var length = 0;
        while (length < value.Length && length < TelemetryLimits.MaxHintLength && (char.IsAsciiLetterOrDigit((char)value[length]) || value[length] is (byte)'.' or (byte)'_'))
        {
            length++;
        }

        return length > "Exception".Length && value[..length].EndsWith("Exception"u8) ? length : 0;
    }

    private static TokenSlice Slice(ref Utf8JsonReader reader, int offset)
    {
        var isString = reader.TokenType == JsonTokenType.String;
        var start = offset + (int)reader.TokenStartIndex + (isString ? 1 : 0);
        return new TokenSlice(start, reader.ValueSpan.Length, isString, reader.ValueIsEscaped);
    }

    /// <summary>The property names read, in any casing; any other is skipped.</summary>
    private static readonly (byte[] Name, PropertyKind Kind)[] Names =
    [
        ("code"u8.ToArray(), PropertyKind.Code),
        ("errorCode"u8.ToArray(), PropertyKind.Code),
        ("description"u8.ToArray(), PropertyKind.Description),
        ("error_description"u8.ToArray(), PropertyKind.Description),
        ("message"u8.ToArray(), PropertyKind.Message),
        ("errorMessageExtended"u8.ToArray(), PropertyKind.ExtendedMessage),
        ("errorName"u8.ToArray(), PropertyKind.ErrorName),
        ("isRetryable"u8.ToArray(), PropertyKind.IsRetryable),
        ("data"u8.ToArray(), PropertyKind.Data),
        ("error"u8.ToArray(), PropertyKind.Error),
    ];

    private static PropertyKind Classify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            foreach (var (name, kind) in Names)
            {
                if (System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, name))
                {
                    return kind;
                }
            }
        }

        return PropertyKind.Other;
    }

    private enum PropertyKind
    {
        Other,
        Code,
        Description,
        Message,
        ExtendedMessage,
        ErrorName,
        IsRetryable,
        Data,
        Error,
    }
}
