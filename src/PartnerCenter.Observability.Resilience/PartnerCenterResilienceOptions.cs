namespace PartnerCenter.Observability.Resilience;

/// <summary>
/// The Partner Center settings of the standard resilience pipeline that
/// <c>AddPartnerCenterResilienceHandler</c> configures. Everything else (circuit breaker, rate limiter, backoff) keeps the
/// defaults of <c>HttpStandardResilienceOptions</c> and can be changed with <c>.Configure(...)</c> on the builder the method
/// returns; settings made there win over these.
/// </summary>
public sealed class PartnerCenterResilienceOptions
{
    /// <summary>How many times a failed attempt is retried (so at most <c>MaxRetryAttempts + 1</c> attempts). Default 4.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>
    /// The longest delay taken from a <c>Retry-After</c> header (delta seconds or HTTP date); longer values are capped to
    /// it. Default 60 seconds. A <c>Retry-After</c> that would end after the total time budget is not waited for: the
    /// response is returned to the caller instead.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of each attempt; an attempt that times out is a transient failure and is retried. Default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The time budget of one logical call, all attempts and delays included. Default 2 minutes. The standard resilience
    /// handler turns <see cref="HttpClient.Timeout"/> off, so this budget is what limits a call; when it runs out the call
    /// fails with <c>TimeoutRejectedException</c>.
    /// </summary>
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
