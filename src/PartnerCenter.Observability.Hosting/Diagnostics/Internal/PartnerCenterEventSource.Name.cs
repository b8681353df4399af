using System.Diagnostics.Tracing;

namespace PartnerCenter.Observability.Diagnostics;

/// <summary>This package's self-diagnostics event source: <c>PartnerCenter-Observability-Hosting</c> (the events are in src/Shared).</summary>
[EventSource(Name = "PartnerCenter-Observability-Hosting")]
internal sealed partial class PartnerCenterEventSource;
