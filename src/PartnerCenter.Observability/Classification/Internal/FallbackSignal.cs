namespace PartnerCenter.Observability.Classification;

/// <summary>One phrase of the fallback rules: found where it starts a word of the text, ignoring case (<see cref="FallbackRules"/>).</summary>
internal sealed record FallbackSignal(string Phrase, PartnerCenterErrorCategory Category, int Weight);
