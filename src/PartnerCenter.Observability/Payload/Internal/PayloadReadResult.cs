namespace PartnerCenter.Observability.Payload;

/// <summary>
/// What <see cref="PartnerCenterPayloadReader"/> found. Positions refer to the span that was read, so that a
/// catalogued code is resolved without allocating a string.
/// </summary>
internal readonly struct PayloadReadResult
{
    public PayloadReadResult(PartnerCenterPayloadOutcome outcome, int bytesExamined, in PayloadFields fields)
    {
        Outcome = outcome;
        BytesExamined = bytesExamined;
        Code = fields.Code;
        Description = fields.Description;
        ErrorName = fields.ErrorName;
        ExceptionName = fields.ExceptionName;
        Retryable = fields.Retryable;
        OAuthError = fields.OAuthError;
        RestMayHoldMore = fields.RestMayHoldMore;
    }

    public PartnerCenterPayloadOutcome Outcome { get; }

    /// <summary>How many bytes of the input the reader looked at; never more than its limit.</summary>
    public int BytesExamined { get; }

    public TokenSlice Code { get; }

    /// <summary>The description: <c>description</c>, else <c>message</c>, else <c>errorMessageExtended</c>.</summary>
    public TokenSlice Description { get; }

    /// <summary>The <c>errorName</c> field, when the body has one.</summary>
    public TokenSlice ErrorName { get; }

    /// <summary>The exception name that starts the first <c>data</c> entry naming one (<c>LicenseQuotaExceededException : ...</c>).</summary>
    public TokenSlice ExceptionName { get; }

    /// <summary>The <c>error</c> string of an OAuth 2.0 / Microsoft Entra error body (<c>{"error":"invalid_grant","error_description":"AADSTS..."}</c>).</summary>
    public TokenSlice OAuthError { get; }

    /// <summary>What the body's <c>isRetryable</c> field says.</summary>
    public ServerRetryable Retryable { get; }

    /// <summary>
    /// Whether a complete read (<c>complete: true</c>) might find another <see cref="ErrorName"/>,
    /// <see cref="ExceptionName"/> or <see cref="Retryable"/>: the read stopped early before text that mentions them.
    /// </summary>
    public bool RestMayHoldMore { get; }
}

/// <summary>Where a JSON value sits in the input: the raw bytes between the quotes (or of the number).</summary>
internal readonly record struct TokenSlice(int Start, int Length, bool IsString, bool IsEscaped)
{
    public bool IsPresent => Length > 0;

    public static TokenSlice None => default;
}
