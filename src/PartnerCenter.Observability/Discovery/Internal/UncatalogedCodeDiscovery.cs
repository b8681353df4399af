using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Diagnostics;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Discovery;

/// <summary>
/// The first time a process (strictly: a service provider's telemetry state, one per process in an application) sees an uncataloged (status, code), one structured log event
/// (<c>PartnerCenterUncatalogedCode</c>) and one count on <c>partner_center.client.uncataloged_codes</c>. The event
/// carries what a catalogue row or a user override needs: status, code, the description in template form, operation
/// and the category the fallback rules gave (docs/error-categories.md, "Unknown-code discovery").
/// </summary>
internal sealed class UncatalogedCodeDiscovery
{
    /// <summary>How many distinct pairs a process remembers; past it, new pairs are neither logged nor counted.</summary>
    public const int MaxRemembered = 1_000;

    private readonly ConcurrentDictionary<(int Status, string Code), byte> _seen = new();

    /// <summary>Logs and counts the pair if it is uncataloged and new. Never throws.</summary>
    public void Observe(in PartnerCenterErrorClassification classification, string operation, PartnerCenterInstruments instruments, ILogger logger)
    {
        try
        {
            if (!IsUncataloged(classification) || classification.Code is not { } code || !ErrorCodeTag.IsTagSafe(code) || _seen.Count >= MaxRemembered || !_seen.TryAdd((classification.StatusCode, code), 0))
            {
                return;
            }

            if (instruments.UncatalogedCodes.Enabled)
            {
                var tags = new TagList
                {
                    { PartnerCenterTelemetryNames.Tags.HttpResponseStatusCode, TagValues.Status(classification.StatusCode) },
                    { PartnerCenterTelemetryNames.Tags.Operation, operation },
                };
                instruments.UncatalogedCodes.Add(1, tags);
            }

            if (logger.IsEnabled(LogLevel.Information))
            {
                var category = classification.Category.ToTagValue();
                UncatalogedCodeLog.Discovered(logger, classification.StatusCode, code, classification.Description, operation, category);
            }
        }
        catch (Exception ex)
        {
            PartnerCenterEventSource.Log.InstrumentationFault("uncataloged code", ex);
        }
    }

    /// <summary>
    /// A response with a code that no catalogue row has at its status, and no user override names. A code that only
    /// repeats the status (<c>"code": "429"</c> on a 429) carries nothing to catalogue.
    /// </summary>
    public static bool IsUncataloged(in PartnerCenterErrorClassification classification) =>
        classification.IsError
        && classification.Code is { } code
        && classification.Source is not (PartnerCenterClassificationSource.CatalogStatusAndCode or PartnerCenterClassificationSource.Override)
        && !code.Equals(TagValues.StatusString(classification.StatusCode), StringComparison.Ordinal);
}
