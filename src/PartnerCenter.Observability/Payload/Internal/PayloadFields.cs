namespace PartnerCenter.Observability.Payload;

/// <summary>The fields <see cref="PartnerCenterPayloadReader"/> collects while it walks an error object.</summary>
internal struct PayloadFields
{
    public TokenSlice Code;
    public TokenSlice Description;
    public TokenSlice ErrorName;
    public TokenSlice ExceptionName;

    /// <summary>An OAuth 2.0 error body's <c>error</c> string (<c>invalid_grant</c>, ...).</summary>
    public TokenSlice OAuthError;
    public ServerRetryable Retryable;

    /// <summary>How good the description found so far is: 3 <c>description</c>, 2 <c>message</c>, 1 <c>errorMessageExtended</c>.</summary>
    public int DescriptionRank;

    /// <summary>Whether the read stopped early before text that mentions <c>errorName</c>, an exception or <c>isRetryable</c>.</summary>
    public bool RestMayHoldMore;
}
