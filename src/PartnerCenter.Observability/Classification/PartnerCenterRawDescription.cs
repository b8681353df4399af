namespace PartnerCenter.Observability;

/// <summary>
/// Whether <see cref="PartnerCenterErrorClassifier.Classify(int, ReadOnlySpan{byte}, string?, PartnerCenterRawDescription)"/>
/// keeps the description exactly as sent in <see cref="PartnerCenterErrorClassification.RawDescription"/>.
/// </summary>
public enum PartnerCenterRawDescription
{
    /// <summary>Not kept (the default): the classification holds only the telemetry-safe description.</summary>
    Omit = 0,

    /// <summary>Kept. It may hold customer data: for a person looking at one error, never for telemetry.</summary>
    Include = 1,
}
