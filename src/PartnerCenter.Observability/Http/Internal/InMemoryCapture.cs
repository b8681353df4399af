namespace PartnerCenter.Observability.Http;

/// <summary>What <see cref="ErrorBodyCapture.TryCaptureInMemory"/> made of a response's content.</summary>
internal enum InMemoryCapture
{
    /// <summary>Not an in-memory content: it has to be read.</summary>
    NotInMemory,

    /// <summary>Classified already (an empty or non-JSON body, or a content that wrote itself in pieces).</summary>
    Classified,

    /// <summary>The first bytes of a JSON-like body, taken in place, not yet classified.</summary>
    Captured,
}
