namespace PartnerCenter.Observability.Telemetry;

/// <summary>
/// The length caps on text that can reach telemetry, in one place: every value read from a body, a header, an
/// exception or the app is cut to one of these before any other rule looks at it.
/// </summary>
internal static class TelemetryLimits
{
    /// <summary>The longest error code kept: real Partner Center codes have at most 10 characters (see <see cref="ErrorCodeTag"/>).</summary>
    public const int MaxCodeLength = 64;

    /// <summary>The longest id (MS-RequestId, MS-CorrelationId) or enum name read from an exception.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The longest operation name an app may set on a request; longer names are cut.</summary>
    public const int MaxOperationNameLength = 128;

    /// <summary>The longest exception or error name read from a body as a classification hint.</summary>
    public const int MaxHintLength = 128;

    /// <summary>The longest raw description read from an archived-SDK exception, before it is templated or redacted.</summary>
    public const int MaxSdkDescriptionLength = 1024;
}
