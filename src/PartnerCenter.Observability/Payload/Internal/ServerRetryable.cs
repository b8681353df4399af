namespace PartnerCenter.Observability.Payload;

/// <summary>What an error body's <c>isRetryable</c> field says, if it has one.</summary>
internal enum ServerRetryable : byte
{
    NotStated = 0,
    No,
    Yes,
}
