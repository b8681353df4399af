namespace PartnerCenter.Observability.Payload;

/// <summary>
/// What <see cref="PartnerCenterPayloadReader"/> found. Positions refer to the span that was read, so that a
/// catalogued code is resolved without allocating a string.
/// </summary>
internal readonly struct PayloadReadResult
{
    public PayloadReadResult(PartnerCenterPayloadOutcome outcome, int bytesExamined, TokenSlice code, TokenSlice description)
    {
        Outcome = outcome;
        BytesExamined = bytesExamined;
        Code = code;
        Description = description;
    }

    public PartnerCenterPayloadOutcome Outcome { get; }

    /// <summary>How many bytes of the input the reader looked at; never more than its limit.</summary>
    public int BytesExamined { get; }

    public TokenSlice Code { get; }

    public TokenSlice Description { get; }
}

/// <summary>Where a JSON value sits in the input: the raw bytes between the quotes (or of the number).</summary>
internal readonly record struct TokenSlice(int Start, int Length, bool IsString, bool IsEscaped)
{
    public bool IsPresent => Length > 0;

    public static TokenSlice None => default;
}
