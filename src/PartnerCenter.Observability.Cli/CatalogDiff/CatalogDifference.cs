namespace PartnerCenter.Observability.Cli.CatalogDiff;

/// <summary>One difference, with the category proposed for the row and why.</summary>
internal sealed record CatalogDifference(DifferenceKind Kind, int Status, string? Code, string Description, PartnerCenterErrorCategory Category, string Reason);
