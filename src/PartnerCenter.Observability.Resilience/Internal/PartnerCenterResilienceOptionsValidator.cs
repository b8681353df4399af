using Microsoft.Extensions.Options;

namespace PartnerCenter.Observability.Resilience;

/// <summary>
/// Validates <see cref="PartnerCenterResilienceOptions"/> at startup, per client, with the bounds the standard resilience
/// pipeline enforces itself (so that a wrong value fails at startup with the Partner Center setting's name rather than
/// when the first client is made): at least one retry, timeouts between 10 ms and 1 day, a total timeout not shorter
/// than the attempt timeout, and a Retry-After cap that is not negative.
/// </summary>
internal sealed class PartnerCenterResilienceOptionsValidator : IValidateOptions<PartnerCenterResilienceOptions>
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, PartnerCenterResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = $"{nameof(PartnerCenterResilienceOptions)} of client '{name}': ";
        var failures = new List<string>();
        if (options.MaxRetryAttempts < 1)
        {
            failures.Add($"{prefix}{nameof(options.MaxRetryAttempts)} must be at least 1; it is {options.MaxRetryAttempts}.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(options.MaxRetryAfter)} must not be negative; it is {options.MaxRetryAfter}.");
        }

        if (options.AttemptTimeout < MinTimeout || options.AttemptTimeout > MaxTimeout)
        {
            failures.Add($"{prefix}{nameof(options.AttemptTimeout)} must be between 00:00:00.010 and 1.00:00:00; it is {options.AttemptTimeout}.");
        }

        if (options.TotalRequestTimeout < MinTimeout || options.TotalRequestTimeout > MaxTimeout)
        {
            failures.Add($"{prefix}{nameof(options.TotalRequestTimeout)} must be between 00:00:00.010 and 1.00:00:00; it is {options.TotalRequestTimeout}.");
        }
        else if (options.TotalRequestTimeout < options.AttemptTimeout)
        {
            failures.Add($"{prefix}{nameof(options.TotalRequestTimeout)} ({options.TotalRequestTimeout}) must not be shorter than {nameof(options.AttemptTimeout)} ({options.AttemptTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
