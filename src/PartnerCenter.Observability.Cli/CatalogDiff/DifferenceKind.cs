namespace PartnerCenter.Observability.Cli.CatalogDiff;

/// <summary>What changed for one row between a docs page and the built-in catalogue.</summary>
internal enum DifferenceKind
{
    /// <summary>The page has a row the catalogue does not.</summary>
    Added,

    /// <summary>The page gives a catalogued code at a status the catalogue does not have for it.</summary>
    ChangedStatus,

    /// <summary>The page words a catalogued (status, code) in a way no catalogued wording matches.</summary>
    ChangedDescription,

    /// <summary>A catalogued row of the page's editions that this copy of the page does not have.</summary>
    Missing,
}
