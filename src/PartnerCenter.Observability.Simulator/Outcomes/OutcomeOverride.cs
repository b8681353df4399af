using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PartnerCenter.Observability.Simulator.Responses;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Outcomes;

/// <summary>
/// Parses the <c>X-Simulator-Outcome</c> request header, which forces the outcome of that one request:
/// <c>status=403;code=800020</c>, <c>status=429;retry-after=7;retry-after-form=date</c>, <c>kind=drop</c>, <c>slow</c>...
/// Items are separated by <c>;</c>; each is <c>key=value</c> or a bare kind.
/// </summary>
internal static class OutcomeOverride
{
    public const string Grammar =
        "X-Simulator-Outcome: [kind=]success|error|throttled|html|empty|slow|timeout|drop; status=<100-599>; code=<code>; "
        + "code-format=number|string; retry-after=<seconds>; retry-after-form=seconds|date|none";

    public static bool TryParse(string header, int seed, long sequence, [NotNullWhen(true)] out SimulatedOutcome? outcome, [NotNullWhen(false)] out string? error)
    {
        outcome = null;
        OutcomeKind? kind = null;
        int? status = null;
        string? code = null;
        var codeAsString = false;
        var retryAfterSeconds = 5;
        var retryAfterForm = RetryAfterForm.Seconds;

        foreach (var item in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? "kind" : item[..equals].Trim().ToLowerInvariant();
            var value = equals < 0 ? item : item[(equals + 1)..].Trim();
            var ok = key switch
            {
                "kind" => TryParseKind(value, out kind),
                "status" => TryParseInt(value, 100, 599, out status),
                "code" => (code = value).Length > 0,
                "code-format" => TryParseCodeFormat(value, out codeAsString),
                "retry-after" => TryParseRetryAfter(value, out retryAfterSeconds),
                "retry-after-form" => TryParseForm(value, out retryAfterForm),
                _ => false,
            };

            if (!ok)
            {
                error = $"cannot read '{item}'. Expected {Grammar}";
                return false;
            }
        }

        kind ??= InferKind(status, code);
        if (kind is null)
        {
            error = $"name a kind, a status or a code. Expected {Grammar}";
            return false;
        }

        var statusCode = status ?? DefaultStatus(kind.Value, code);
        if (kind is (OutcomeKind.Error or OutcomeKind.SlowBody or OutcomeKind.GatewayPage or OutcomeKind.EmptyBody or OutcomeKind.Timeout) && statusCode < 400)
        {
            error = $"an error outcome needs a status of 400 or more, not {statusCode}.";
            return false;
        }

        var random = new DeterministicRandom(seed, -2, sequence);
        var entropy = random.NextUInt64();
        outcome = kind.Value switch
        {
            OutcomeKind.Success => SimulatedOutcome.Success(entropy),
            OutcomeKind.Drop => new(OutcomeKind.Drop, 0, PartnerCenterErrorCategory.Transient, null, null, false, RetryAfterForm.None, 0, entropy),
            OutcomeKind.Throttled => WithCategory(new(OutcomeKind.Throttled, status ?? 429, null, null, code ?? "429", codeAsString, retryAfterForm, retryAfterSeconds, entropy)),
            OutcomeKind.GatewayPage or OutcomeKind.EmptyBody or OutcomeKind.Timeout =>
                new(kind.Value, statusCode, PartnerCenterErrorClassifier.ClassifyStatus(statusCode).Category, null, null, false, RetryAfterForm.None, 0, entropy),
            _ => JsonError(kind.Value, statusCode, code, codeAsString, entropy),
        };

        error = null;
        return true;
    }

    private static SimulatedOutcome JsonError(OutcomeKind kind, int status, string? code, bool codeAsString, ulong entropy)
    {
        code ??= DefaultCode(status);
        PartnerCenterErrorDefinition? row = null;
        if (code is not null && !PartnerCenterErrorCatalog.TryFind(status, code, out row))
        {
            PartnerCenterErrorCatalog.TryFindByCode(code, out row);
        }

        var outcome = new SimulatedOutcome(kind, status, null, row, code, codeAsString, RetryAfterForm.None, 0, entropy)
        {
            Description = row is null ? string.Create(CultureInfo.InvariantCulture, $"The request failed with status {status}.") : null,
        };
        return WithCategory(outcome);
    }

    /// <summary>The intended category of a forced JSON error is whatever the classifier makes of the body that will be sent.</summary>
    private static SimulatedOutcome WithCategory(SimulatedOutcome outcome) => outcome with
    {
        Category = PartnerCenterErrorClassifier.Default.Classify(outcome.StatusCode, ErrorBody.Build(outcome), ErrorBody.ContentType).Category,
    };

    private static OutcomeKind? InferKind(int? status, string? code) => status switch
    {
        null when code is not null => OutcomeKind.Error,
        null => null,
        < 400 => OutcomeKind.Success,
        429 => OutcomeKind.Throttled,
        502 or 503 or 504 when code is null => OutcomeKind.GatewayPage,
        _ => OutcomeKind.Error,
    };

    private static int DefaultStatus(OutcomeKind kind, string? code) => kind switch
    {
        OutcomeKind.Success => 200,
        OutcomeKind.Throttled => 429,
        OutcomeKind.GatewayPage => 502,
        OutcomeKind.EmptyBody => 503,
        OutcomeKind.SlowBody => 500,
        OutcomeKind.Timeout => 504,
        OutcomeKind.Drop => 0,
        _ => PartnerCenterErrorCatalog.TryFindByCode(code, out var row) ? row.StatusCode : 400,
    };

    private static string? DefaultCode(int status) => status switch
    {
        400 => "800002",
        401 => "800001",
        403 => "900150",
        404 => "20003",
        409 => "800060",
        417 => "800036",
        500 => "800003",
        _ => null,
    };

    private static bool TryParseKind(string value, out OutcomeKind? kind)
    {
        kind = value.ToLowerInvariant() switch
        {
            "success" or "ok" => OutcomeKind.Success,
            "error" => OutcomeKind.Error,
            "throttled" or "throttle" => OutcomeKind.Throttled,
            "html" or "gateway-page" => OutcomeKind.GatewayPage,
            "empty" or "empty-body" => OutcomeKind.EmptyBody,
            "slow" or "slow-body" => OutcomeKind.SlowBody,
            "timeout" => OutcomeKind.Timeout,
            "drop" or "dropped" => OutcomeKind.Drop,
            _ => null,
        };
        return kind is not null;
    }

    private static bool TryParseInt(string value, int min, int max, out int? number)
    {
        number = null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            number = parsed;
        }

        return number is not null;
    }

    private static bool TryParseRetryAfter(string value, out int seconds)
    {
        var ok = TryParseInt(value, 0, 86_400, out var parsed);
        seconds = parsed ?? 0;
        return ok;
    }

    private static bool TryParseCodeFormat(string value, out bool codeAsString)
    {
        codeAsString = value.Equals("string", StringComparison.OrdinalIgnoreCase);
        return codeAsString || value.Equals("number", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseForm(string value, out RetryAfterForm form)
    {
        form = value.ToLowerInvariant() switch
        {
            "seconds" => RetryAfterForm.Seconds,
            "date" or "http-date" => RetryAfterForm.HttpDate,
            "none" => RetryAfterForm.None,
            _ => (RetryAfterForm)(-1),
        };
        return Enum.IsDefined(form);
    }
}
