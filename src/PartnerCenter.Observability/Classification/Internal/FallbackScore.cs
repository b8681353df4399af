namespace PartnerCenter.Observability.Classification;

/// <summary>The learned fallback's best category for a text, and its lead over the next one (log-likelihood, in thousandths).</summary>
internal readonly record struct FallbackScore(PartnerCenterErrorCategory Category, long Margin);
