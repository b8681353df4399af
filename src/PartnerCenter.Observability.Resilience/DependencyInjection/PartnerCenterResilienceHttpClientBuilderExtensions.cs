using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PartnerCenter.Observability;
using PartnerCenter.Observability.Resilience;
using PartnerCenter.Observability.Resilience.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Partner Center-aware retries to an IHttpClientFactory client.</summary>
public static class PartnerCenterResilienceHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds the standard resilience handler (rate limiter, total timeout, retry, circuit breaker, attempt timeout),
    /// configured for Partner Center: it retries exactly what the PartnerCenter.Observability classifier calls retryable
    /// (transient failures and 429, network failures, attempt timeouts), never auth, eligibility, validation, not_found,
    /// conflict or quota count limits; it waits as <c>Retry-After</c> says (capped), otherwise backs off exponentially
    /// with jitter. Every attempt of a logical call carries the same <c>MS-RequestId</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Handler order, outermost first: the logical-call handler (one span of kind Internal per call, parent of the attempt
    /// spans) → the standard resilience handler → handlers added after this call → the Partner Center telemetry handler
    /// (one span per attempt, tagged <c>http.request.resend_count</c> from the second attempt on) → the primary handler.
    /// The telemetry handler is always innermost, whether <c>AddPartnerCenterTelemetry()</c> is called on this builder or
    /// on the services, before or after this method. Without it, responses are classified by status alone.
    /// </para>
    /// <para>
    /// Each retry decided adds one to the counter <c>partner_center.client.retries</c>, tagged with the category and
    /// operation of the attempt retried.
    /// </para>
    /// </remarks>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Changes the Partner Center settings of the pipeline.</param>
    /// <returns>The builder of the standard pipeline, whose <c>Configure</c> overloads change any other setting (and win over <paramref name="configure"/>).</returns>
    public static IHttpStandardResiliencePipelineBuilder AddPartnerCenterResilienceHandler(this IHttpClientBuilder builder, Action<PartnerCenterResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var name = builder.Name;
        var settings = services.AddOptions<PartnerCenterResilienceOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCenterResilienceOptions>, PartnerCenterResilienceOptionsValidator>());
        if (configure is not null)
        {
            settings.Configure(configure);
        }

        if (PartnerCenterResiliencePipelineMarker.Find(services, name) is { } existing)
        {
            // Added before: a second pipeline would nest its retries inside the first.
            return existing.Pipeline;
        }

        // What the retries need of the core, without instrumenting any client: the instrumentation is the app's choice.
        services.AddMetrics();
        services.AddOptions<PartnerCenterTelemetryOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PartnerCenterOperationResolver>();
        services.TryAddSingleton<PartnerCenterRetryInstruments>();

        // Added before the resilience handler, hence outside it.
        builder.AddHttpMessageHandler(sp => new PartnerCenterCallHandler(
            sp.GetRequiredService<IOptionsMonitor<PartnerCenterTelemetryOptions>>(),
            sp.GetRequiredService<PartnerCenterOperationResolver>(),
            sp.GetRequiredService<TimeProvider>()));

        var pipeline = builder.AddStandardResilienceHandler();
        pipeline.Configure((options, sp) =>
        {
            var partnerCenter = sp.GetRequiredService<IOptionsMonitor<PartnerCenterResilienceOptions>>().Get(name);
            PartnerCenterRetryStrategy.Apply(options, partnerCenter, CreateStrategy(options, partnerCenter, sp));
        });

        // After every Configure, the app's included: count retries and mark attempts, then call the app's own OnRetry.
        services.AddOptions<HttpStandardResilienceOptions>(pipeline.PipelineName).PostConfigure<IServiceProvider>((options, sp) =>
        {
            var partnerCenter = sp.GetRequiredService<IOptionsMonitor<PartnerCenterResilienceOptions>>().Get(name);
            var strategy = CreateStrategy(options, partnerCenter, sp);
            var appOnRetry = options.Retry.OnRetry;
            options.Retry.OnRetry = appOnRetry is null
                ? strategy.OnRetry
                : async args =>
                {
                    await strategy.OnRetry(args).ConfigureAwait(false);
                    await appOnRetry(args).ConfigureAwait(false);
                };
        });

        services.AddSingleton(new PartnerCenterResiliencePipelineMarker(name, pipeline));
        return pipeline;
    }

    private static PartnerCenterRetryStrategy CreateStrategy(HttpStandardResilienceOptions options, PartnerCenterResilienceOptions partnerCenter, IServiceProvider sp) =>
        new(
            options,
            partnerCenter.MaxRetryAfter,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<PartnerCenterOperationResolver>(),
            sp.GetRequiredService<PartnerCenterRetryInstruments>());
}
