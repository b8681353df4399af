namespace PartnerCenter.Observability.Cli.CatalogDiff;

/// <summary>One row of the error-code table of a docs page: HTTP status, error code (absent for some rows) and description.</summary>
internal sealed record DocsRow(int Status, string? Code, string Description);
