using PartnerCenter.Observability.Payload;
using System.Runtime.InteropServices;

namespace PartnerCenter.Observability;

/// <summary>
/// The outcome of classifying one Partner Center response: its error code, category, retryability and a
/// telemetry-safe description. A value type, so that classifying a catalogued error allocates nothing.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct PartnerCenterErrorClassification
{
    internal PartnerCenterErrorClassification(
        int statusCode,
        string? code,
        PartnerCenterErrorCategory category,
        string? description,
        PartnerCenterErrorDefinition? definition,
        PartnerCenterClassificationSource source,
        PartnerCenterPayloadOutcome payload,
        string? rawDescription,
        ServerRetryable serverRetryable = ServerRetryable.NotStated)
    {
        ServerStatedRetryable = serverRetryable switch
        {
            ServerRetryable.Yes => true,
            ServerRetryable.No => false,
            _ => null,
        };
        StatusCode = statusCode;
        Code = code;
        Category = category;
        Description = description;
        Definition = definition;
        Source = source;
        Payload = payload;
        RawDescription = rawDescription;
    }

    /// <summary>The HTTP status of the response.</summary>
    public int StatusCode { get; }

    /// <summary>The Partner Center error code as the response gave it, or <see langword="null"/> when there was none. A catalogued code is the catalogue's own string instance.</summary>
    public string? Code { get; }

    /// <summary>What kind of failure this is.</summary>
    public PartnerCenterErrorCategory Category { get; }

    /// <summary>Whether the response is an error (status 400 or above).</summary>
    public bool IsError => StatusCode >= 400;

    /// <summary>
    /// Whether retrying the same request unchanged may succeed: what the body's <c>isRetryable</c> says when it says
    /// anything (except that a 409 is never retried), otherwise true for <see cref="PartnerCenterErrorCategory.Transient"/> and for HTTP 429.
    /// </summary>
    public bool IsRetryable => IsError && StatusCode != 409 && (ServerStatedRetryable ?? PartnerCenterErrorClassifier.IsRetryable(Category, StatusCode));

    /// <summary>What the body's <c>isRetryable</c> field said, or <see langword="null"/> when it had none. It wins over the category's rule in <see cref="IsRetryable"/>.</summary>
    public bool? ServerStatedRetryable { get; }

    /// <summary>
    /// A description safe for telemetry: the catalogue template (<c>Subscription {0} ...</c>) when the error is catalogued,
    /// otherwise the response's description truncated, with GUIDs, emails, long digit runs and tokens masked.
    /// </summary>
    public string? Description { get; }

    /// <summary>
    /// For people (an exception's message): the template with the short numbers the server's description gave in place
    /// of their placeholders (<c>Try again in 7 seconds.</c>), or <see langword="null"/> when there is none to fill.
    /// </summary>
    internal string? DescriptionWithNumbers { get; init; }

    /// <summary>The catalogue row that matched, if any.</summary>
    public PartnerCenterErrorDefinition? Definition { get; }

    /// <summary>Which rule decided the category.</summary>
    public PartnerCenterClassificationSource Source { get; }

    /// <summary>What the payload reader made of the body.</summary>
    public PartnerCenterPayloadOutcome Payload { get; }

    /// <summary>
    /// The response's description exactly as sent. It may hold customer data, so it is only filled when the caller
    /// asked for it explicitly (<see cref="PartnerCenterRawDescription.Include"/>); never send it to telemetry.
    /// </summary>
    public string? RawDescription { get; }

    /// <summary>A short explanation of how the result was reached, for people and logs.</summary>
    public string Reason => Payload switch
    {
        PartnerCenterPayloadOutcome.Empty => "empty body; classified by " + SourceText,
        PartnerCenterPayloadOutcome.NotJson => "body is not JSON; classified by " + SourceText,
        PartnerCenterPayloadOutcome.Truncated => "body exceeded the byte limit and was read in part; classified by " + SourceText,
        PartnerCenterPayloadOutcome.Invalid => "body is not valid JSON; classified by " + SourceText,
        PartnerCenterPayloadOutcome.Unrecognized => "body is not a Partner Center error object; classified by " + SourceText,
        _ => "classified by " + SourceText,
    };

    private string SourceText => Source switch
    {
        PartnerCenterClassificationSource.NotAnError => "status (not an error)",
        PartnerCenterClassificationSource.Override => "user override of the code",
        PartnerCenterClassificationSource.CatalogStatusAndCode => "catalogue (status and code)",
        PartnerCenterClassificationSource.CatalogCode => "catalogue (code, documented under another status)",
        PartnerCenterClassificationSource.DescriptionTemplate => "catalogue (description template)",
        PartnerCenterClassificationSource.StatusKeyword => "fallback rules on the description (uncataloged code)",
        PartnerCenterClassificationSource.OAuthError => "the error of an OAuth 2.0 / Microsoft Entra error body",
        PartnerCenterClassificationSource.Status => "status",
        _ => "nothing (no rule matched)",
    };

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {Code ?? "-"} {Category.ToTagValue()} ({Reason})";
}
