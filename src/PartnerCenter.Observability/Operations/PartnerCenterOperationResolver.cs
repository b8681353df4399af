using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability.Operations;

namespace PartnerCenter.Observability;

/// <summary>
/// Recognizes Partner Center requests and names their operations exactly as the telemetry handler does: the hosts of
/// <see cref="PartnerCenterTelemetryOptions.Hosts"/>, and the bounded <c>partner_center.operation</c> value (a route
/// template such as <c>/v1/customers/{customer-id}/orders</c>, a name set with
/// <see cref="PartnerCenterRequestOptions.WithPartnerCenterOperation"/>, or <c>other</c> past
/// <see cref="PartnerCenterTelemetryOptions.MaxOperations"/>). <c>AddPartnerCenterTelemetry</c> registers one singleton,
/// shared by the telemetry handler, the retries and the log redaction, so that the cap counts each name once; resolve
/// it from the service provider to name your own spans, logs or metrics the way this library does.
/// </summary>
public sealed class PartnerCenterOperationResolver
{
    private readonly IOptionsMonitor<PartnerCenterTelemetryOptions> _options;
    private readonly ConditionalWeakTable<PartnerCenterTelemetryOptions, OperationNaming> _namings = new();
    private OperationNaming? _naming;

    /// <summary>Initializes a new instance of the <see cref="PartnerCenterOperationResolver"/> class.</summary>
    /// <param name="options">The telemetry options: hosts, route templates and caps.</param>
    public PartnerCenterOperationResolver(IOptionsMonitor<PartnerCenterTelemetryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Whether <paramref name="requestUri"/> points at one of the configured Partner Center hosts.</summary>
    /// <param name="requestUri">An absolute request URI; a relative one is never a Partner Center host.</param>
    /// <returns><see langword="true"/> when the host (and port, when configured) matches.</returns>
    public bool IsPartnerCenterHost(Uri? requestUri) => For(_options.CurrentValue).Hosts.IsMatch(requestUri);

    /// <summary>The operation name of <paramref name="request"/>: its own name when set, else its route template.</summary>
    /// <param name="request">The request.</param>
    /// <returns>A bounded, telemetry-safe operation name; never the query, never an id.</returns>
    public string Resolve(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return For(_options.CurrentValue).Operations.Resolve(request);
    }

    /// <summary>The operation name of a request to <paramref name="requestUri"/>: its route template.</summary>
    /// <param name="requestUri">The request URI, absolute or relative.</param>
    /// <returns>A bounded, telemetry-safe operation name; never the query, never an id.</returns>
    public string Resolve(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        return For(_options.CurrentValue).Operations.Resolve(requestUri.IsAbsoluteUri ? requestUri.AbsolutePath : requestUri.OriginalString);
    }

    /// <summary>
    /// The path of a request to any host, as a log line may show it: the route template when one matches, else the
    /// path with every segment that is not a route-table word or an API version replaced by <c>{id}</c> (an allowlist:
    /// ids, emails, tokens and names never pass), cut to eight segments. Never the query, the fragment or user info,
    /// and it never counts against <see cref="PartnerCenterTelemetryOptions.MaxOperations"/>.
    /// </summary>
    /// <param name="requestUri">The request URI, absolute or relative.</param>
    /// <returns>The redacted path, starting with <c>/</c>.</returns>
    public string RedactPath(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        var path = For(_options.CurrentValue).Operations.RedactPath(requestUri.IsAbsoluteUri ? requestUri.AbsolutePath : requestUri.OriginalString);
        return path.StartsWith('/') ? path : "/" + path;
    }

    /// <summary>
    /// The naming of one options instance, made once per instance: the app-wide options and each client's own named
    /// options keep theirs (a reload makes a new instance, hence new bounds).
    /// </summary>
    internal OperationNaming For(PartnerCenterTelemetryOptions options)
    {
        var current = Volatile.Read(ref _naming);
        if (current is not null && ReferenceEquals(current.Options, options))
        {
            return current;
        }

        var found = _namings.GetValue(options, static o => new OperationNaming(o));
        Volatile.Write(ref _naming, found);
        return found;
    }
}
