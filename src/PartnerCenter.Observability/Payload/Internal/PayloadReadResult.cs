using System.Text;
using System.Text.Json;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// What <see cref="PartnerCenterPayloadReader"/> found (the fields are described on <see cref="PayloadFields"/>).
/// Positions refer to the span that was read, so that a catalogued code is resolved without allocating a string.
/// </summary>
/// <param name="Outcome">What the reader made of the body.</param>
/// <param name="BytesExamined">How many bytes of the input the reader looked at; never more than its limit.</param>
/// <param name="Fields">The fields found.</param>
internal readonly record struct PayloadReadResult(PartnerCenterPayloadOutcome Outcome, int BytesExamined, PayloadFields Fields)
{
    public TokenSlice Code => Fields.Code;

    public TokenSlice Description => Fields.Description;

    public TokenSlice ErrorName => Fields.ErrorName;

    public TokenSlice ExceptionName => Fields.ExceptionName;

    public TokenSlice OAuthError => Fields.OAuthError;

    public ServerRetryable Retryable => Fields.Retryable;

    public bool RestMayHoldMore => Fields.RestMayHoldMore;
}

/// <summary>Where a JSON value sits in the input: the raw bytes between the quotes (or of the number).</summary>
internal readonly record struct TokenSlice(int Start, int Length, bool IsString, bool IsEscaped)
{
    public bool IsPresent => Length > 0;

    /// <summary>The value as text, or <see langword="null"/> when absent.</summary>
    public string? DecodeOrNull(ReadOnlySpan<byte> json) => IsPresent ? Decode(json) : null;

    /// <summary>The value as text: unescaped when it holds an escape (only a string can), else its UTF-8 bytes as they are.</summary>
    public string Decode(ReadOnlySpan<byte> json)
    {
        if (IsEscaped)
        {
            try
            {
                // Re-read the quoted token on its own to unescape it.
                var reader = new Utf8JsonReader(json.Slice(Start - 1, Length + 2));
                if (reader.Read())
                {
                    return reader.GetString()!;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Fall through to the raw bytes.
            }
        }

        return Encoding.UTF8.GetString(json.Slice(Start, Length));
    }
}
