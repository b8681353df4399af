using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartnerCenter.Observability;

/// <summary>How Partner Center error bodies are read and classified. Part of the telemetry options; bind it from configuration.</summary>
public sealed class PartnerCenterClassificationOptions
{
    /// <summary>The default for <see cref="MaxBodyBytes"/>: 64 KiB.</summary>
    internal const int DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>The most bytes of an error body the reader looks at. Default 64 KiB; between 256 bytes and 4 MiB.</summary>
    [Range(256, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>The longest description (in characters) sent to telemetry when it is not a catalogue template. Default 256.</summary>
    [Range(16, 1024)]
    public int MaxDescriptionLength { get; set; } = 256;

    /// <summary>
    /// Categories that win over the catalogue, keyed by Partner Center error code (for example <c>"800067": "Eligibility"</c>).
    /// The highest rule in the order of precedence.
    /// </summary>
    /// <remarks>The internal setter lets tests put in a store of their own (one that throws, or counts its reads).</remarks>
    public IDictionary<string, PartnerCenterErrorCategory> CategoryOverrides { get; internal set; } = new Dictionary<string, PartnerCenterErrorCategory>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Validates <see cref="PartnerCenterClassificationOptions"/> at startup (source-generated, trimming-safe).</summary>
[OptionsValidator]
internal sealed partial class PartnerCenterClassificationOptionsValidator : IValidateOptions<PartnerCenterClassificationOptions>
{
}
