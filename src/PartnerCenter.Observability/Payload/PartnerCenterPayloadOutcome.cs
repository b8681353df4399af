namespace PartnerCenter.Observability;

/// <summary>What the bounded payload reader made of a response body.</summary>
public enum PartnerCenterPayloadOutcome
{
    /// <summary>No body was read: a success status, or the caller classified by status alone.</summary>
    NotRead = 0,

    /// <summary>The body was empty (or only white space and a byte-order mark).</summary>
    Empty,

    /// <summary>The content type is not JSON-like (for example an HTML gateway page); the response was classified by status.</summary>
    NotJson,

    /// <summary>A JSON error object was read.</summary>
    Parsed,

    /// <summary>The body was longer than the byte limit; what was read before the limit was kept.</summary>
    Truncated,

    /// <summary>The body was not valid JSON; what was read before the break was kept.</summary>
    Invalid,

    /// <summary>Valid JSON, but not an error object (a top-level array or scalar, or an object with neither code nor description).</summary>
    Unrecognized,
}
