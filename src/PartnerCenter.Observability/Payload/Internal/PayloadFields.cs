namespace PartnerCenter.Observability.Payload;

/// <summary>The fields <see cref="PartnerCenterPayloadReader"/> collects while it walks an error object.</summary>
internal struct PayloadFields
{
    public TokenSlice Code;

    /// <summary>The description: <c>description</c>, else <c>message</c>, else <c>errorMessageExtended</c>.</summary>
    public TokenSlice Description;

    /// <summary>The <c>errorName</c> field, when the body has one.</summary>
    public TokenSlice ErrorName;

    /// <summary>The exception name that starts the first <c>data</c> entry naming one (<c>LicenseQuotaExceededException : ...</c>).</summary>
    public TokenSlice ExceptionName;

    /// <summary>The <c>error</c> string of an OAuth 2.0 / Microsoft Entra error body (<c>{"error":"invalid_grant","error_description":"AADSTS..."}</c>).</summary>
    public TokenSlice OAuthError;

    /// <summary>What the body's <c>isRetryable</c> field says.</summary>
    public ServerRetryable Retryable;

    /// <summary>How good the description found so far is: 3 <c>description</c>, 2 <c>message</c>, 1 <c>errorMessageExtended</c>.</summary>
    public int DescriptionRank;

    /// <summary>
    /// Whether a complete read (<c>complete: true</c>) might find another error name, exception name or
    /// <c>isRetryable</c>: the read stopped early before text that mentions them.
    /// </summary>
    public bool RestMayHoldMore;
}
