using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PartnerCenter.Observability;

/// <summary>
/// Options of the Partner Center telemetry handler. Bound from the <c>PartnerCenterTelemetry</c> configuration section
/// by the hosting package, and validated at startup.
/// </summary>
public sealed class PartnerCenterTelemetryOptions
{
    /// <summary>The configuration section the hosting package binds: <c>PartnerCenterTelemetry</c>.</summary>
    public const string SectionName = "PartnerCenterTelemetry";

    /// <summary>The Partner Center API host, instrumented by default.</summary>
    internal const string DefaultHost = "api.partnercenter.microsoft.com";

    /// <summary>
    /// The hosts whose requests are instrumented when the handler is added to every client
    /// (<c>host</c> or <c>host:port</c>, for example the simulator's <c>127.0.0.1:5005</c>). A client instrumented
    /// explicitly with <c>IHttpClientBuilder.AddPartnerCenterTelemetry()</c> instruments all of its requests.
    /// </summary>
    public IList<string> Hosts { get; } = [DefaultHost];

    /// <summary>How error bodies are read and classified (byte limit, category overrides).</summary>
    [ValidateObjectMembers(typeof(PartnerCenterClassificationOptionsValidator))]
    public PartnerCenterClassificationOptions Classification { get; } = new();

    /// <summary>The longest the handler waits for an error body before it classifies what it has. Default 2 seconds.</summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether to add <c>MS-RequestId</c> and <c>MS-CorrelationId</c> to requests that have none. Default true.</summary>
    public bool AddRequestIds { get; set; } = true;

    /// <summary>
    /// Whether to classify error responses and attach the result to the request
    /// (<see cref="PartnerCenterRequestOptions.TryGetPartnerCenterError"/>) even when no span, metric or log listens. Default true.
    /// </summary>
    public bool AttachErrorToRequest { get; set; } = true;

    /// <summary>Whether to add <c>partner_center.operation</c> to the runtime's <c>http.client.request.duration</c>. Default true.</summary>
    public bool EnrichHttpClientMetrics { get; set; } = true;

    /// <summary>
    /// Extra route templates for operation names, such as <c>/v1/customers/{customer_id}/widgets/{widget_id}</c>;
    /// they are tried before the built-in Partner Center routes.
    /// </summary>
    public IList<string> RouteTemplates { get; } = [];

    /// <summary>The most distinct generic or user-set operation values; past it, operations collapse to <c>other</c>. Default 200.</summary>
    [Range(1, 10_000)]
    public int MaxOperations { get; set; } = 200;

    /// <summary>The most distinct uncataloged error codes per operation; past it, codes collapse to <c>other</c>. Default 20.</summary>
    [Range(0, 1_000)]
    public int MaxUncatalogedCodesPerOperation { get; set; } = 20;

    /// <summary>The level of the failure log for transient and quota errors. Default Warning.</summary>
    public LogLevel TransientAndQuotaLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>The level of the failure log for every other error. Default Error.</summary>
    public LogLevel FailureLogLevel { get; set; } = LogLevel.Error;

    /// <summary>Copies every setting to <paramref name="target"/>: a client's own options start from the app-wide ones.</summary>
    internal void CopyTo(PartnerCenterTelemetryOptions target)
    {
        target.Hosts.Clear();
        foreach (var host in Hosts)
        {
            target.Hosts.Add(host);
        }

        target.RouteTemplates.Clear();
        foreach (var template in RouteTemplates)
        {
            target.RouteTemplates.Add(template);
        }

        target.Classification.MaxBodyBytes = Classification.MaxBodyBytes;
        target.Classification.MaxDescriptionLength = Classification.MaxDescriptionLength;
        target.Classification.CategoryOverrides.Clear();
        foreach (var item in Classification.CategoryOverrides)
        {
            target.Classification.CategoryOverrides[item.Key] = item.Value;
        }

        target.BodyReadTimeout = BodyReadTimeout;
        target.AddRequestIds = AddRequestIds;
        target.AttachErrorToRequest = AttachErrorToRequest;
        target.EnrichHttpClientMetrics = EnrichHttpClientMetrics;
        target.MaxOperations = MaxOperations;
        target.MaxUncatalogedCodesPerOperation = MaxUncatalogedCodesPerOperation;
        target.TransientAndQuotaLogLevel = TransientAndQuotaLogLevel;
        target.FailureLogLevel = FailureLogLevel;
    }
}

/// <summary>Validates <see cref="PartnerCenterTelemetryOptions"/> at startup: the data annotations (source-generated, trimming-safe), then the rules they cannot express.</summary>
[OptionsValidator]
internal sealed partial class PartnerCenterTelemetryOptionsValidator : IValidateOptions<PartnerCenterTelemetryOptions>
{
}

/// <summary>The option rules that data annotations cannot express.</summary>
internal sealed class PartnerCenterTelemetryOptionsRules : IValidateOptions<PartnerCenterTelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerCenterTelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.BodyReadTimeout <= TimeSpan.Zero || options.BodyReadTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{PartnerCenterTelemetryOptions.SectionName}:{nameof(options.BodyReadTimeout)} must be more than 0 and at most 00:01:00; it is {options.BodyReadTimeout}.");
        }

        foreach (var host in options.Hosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) && !Uri.IsWellFormedUriString(host, UriKind.Absolute))
            {
                failures.Add($"{PartnerCenterTelemetryOptions.SectionName}:{nameof(options.Hosts)} entries must be 'host', 'host:port' or an absolute http(s) URI; '{host}' is not.");
            }
        }

        foreach (var template in options.RouteTemplates)
        {
            if (string.IsNullOrWhiteSpace(template) || template[0] != '/' || template.Contains('?', StringComparison.Ordinal))
            {
                failures.Add($"{PartnerCenterTelemetryOptions.SectionName}:{nameof(options.RouteTemplates)} entries must start with '/' and have no query; '{template}' does not.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
