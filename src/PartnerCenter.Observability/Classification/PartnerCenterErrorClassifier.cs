using System.Globalization;
using PartnerCenter.Observability.Classification;
using PartnerCenter.Observability.Payload;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability;

/// <summary>
/// Classifies Partner Center responses into <see cref="PartnerCenterErrorCategory"/> values using the catalogue of
/// documented error codes. An OAuth 2.0 / Microsoft Entra error body is decided by its <c>error</c>, and a description
/// that is itself a JSON object by its inner code and message. Order of precedence: a user override of the code; the (status, code) pair in the catalogue;
/// the code alone (when its rows agree, and never to make a non-retryable status retryable); the description template;
/// the fallback for uncataloged 400/403/422 errors with a description (which says unknown when it is not sure); the status; unknown. A body's <c>isRetryable</c> decides
/// <see cref="PartnerCenterErrorClassification.IsRetryable"/> (docs/error-categories.md).
/// Thread-safe; never throws for any body.
/// </summary>
public sealed class PartnerCenterErrorClassifier
{
    private readonly PartnerCenterClassificationOptions _options;

    /// <summary>Creates a classifier with the default options.</summary>
    public PartnerCenterErrorClassifier()
        : this((PartnerCenterClassificationOptions?)null)
    {
    }

    /// <summary>
    /// Creates a classifier. In an app, take the one <c>AddPartnerCenterTelemetry</c> registers instead: it is made from
    /// the configured <see cref="PartnerCenterTelemetryOptions.Classification"/>, as the telemetry handler's is.
    /// </summary>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    public PartnerCenterErrorClassifier(PartnerCenterClassificationOptions? options)
    {
        _options = options ?? new PartnerCenterClassificationOptions();
    }

    /// <summary>A classifier with the default options.</summary>
    public static PartnerCenterErrorClassifier Default { get; } = new();

    /// <summary>The options this classifier uses.</summary>
    public PartnerCenterClassificationOptions Options => _options;

    /// <summary>Whether a category and status are worth retrying unchanged: transient errors and HTTP 429.</summary>
    /// <param name="category">The category.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <returns><see langword="true"/> for <see cref="PartnerCenterErrorCategory.Transient"/> and for 429, except 409 which is never retried.</returns>
    internal static bool IsRetryable(PartnerCenterErrorCategory category, int statusCode) =>
        statusCode != 409 && (statusCode == 429 || category == PartnerCenterErrorCategory.Transient);

    /// <summary>Classifies a response from its status and body.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="body">The body bytes; at most <see cref="PartnerCenterClassificationOptions.MaxBodyBytes"/> of them are read.</param>
    /// <param name="contentType">The media type of the body; bodies that are not JSON-like (HTML, text) are classified by status alone. <see langword="null"/> or empty means "unknown, try JSON".</param>
    /// <param name="rawDescription">
    /// Whether to keep the description exactly as sent in <see cref="PartnerCenterErrorClassification.RawDescription"/>;
    /// by default it is not kept. It may hold customer data.
    /// </param>
    /// <returns>The classification. Never throws.</returns>
    public PartnerCenterErrorClassification Classify(int statusCode, ReadOnlySpan<byte> body, string? contentType = null, PartnerCenterRawDescription rawDescription = PartnerCenterRawDescription.Omit)
    {
        var includeRawDescription = rawDescription == PartnerCenterRawDescription.Include;
        if (statusCode < 400)
        {
            return NotAnError(statusCode);
        }

        if (!PartnerCenterPayloadReader.IsJsonLike(contentType))
        {
            return ByStatus(statusCode, PartnerCenterPayloadOutcome.NotJson, description: default);
        }

        var read = PartnerCenterPayloadReader.Read(body, _options.MaxBodyBytes);
        var json = body[..Math.Min(body.Length, _options.MaxBodyBytes)];
        if (read.OAuthError.IsPresent && !read.Code.IsPresent)
        {
            var oauthDescription = read.Description.DecodeOrNull(json);
            if (OAuthErrors.TryClassify(statusCode, read.OAuthError.Decode(json), oauthDescription, out var oauth))
            {
                var raw = includeRawDescription ? oauthDescription : null;
                return new(statusCode, null, Pin(statusCode, oauth), Redact(oauthDescription), null, PartnerCenterClassificationSource.OAuthError, read.Outcome, raw, read.Retryable);
            }
        }

        if (!read.Code.IsPresent && !read.Description.IsPresent)
        {
            return ByStatus(statusCode, read.Outcome, description: default, read.Retryable);
        }

        // An absent code is the empty slice at 0, which no parse accepts.
        var isNumeric = TryParseDigits(json.Slice(read.Code.Start, read.Code.Length), out var number) && !read.Code.IsEscaped;

        // Fast path: a catalogued numeric code resolves without decoding anything. Everything it decides, the general
        // path below decides the same way (it only allocates more): FastPathAgreementTests checks that both agree.
        if (isNumeric && _options.CategoryOverrides.Count == 0)
        {
            if (PartnerCenterErrorCatalog.TryFind(statusCode, number, out var exact))
            {
                if (exact.Variants.Length > 0 && read.Description.IsPresent)
                {
                    // The same (status, code) means different things on different APIs: the description tells them apart.
                    exact = exact.Resolve(read.Description.Decode(json));
                }

                return FromDefinition(statusCode, exact, PartnerCenterClassificationSource.CatalogStatusAndCode, read.Outcome, json, read.Description, includeRawDescription, read.Retryable);
            }

            // Stryker disable once Block : performance only; without it the general path finds the same row by the code's text.
            if (PartnerCenterErrorCatalog.TryFindByCodeAlone(statusCode, number, out var byCode))
            {
                return FromDefinition(statusCode, byCode, PartnerCenterClassificationSource.CatalogCode, read.Outcome, json, read.Description, includeRawDescription, read.Retryable);
            }
        }

        var code = read.Code.IsPresent ? read.Code.Decode(json).Trim() : null;
        var description = read.Description.DecodeOrNull(json);

        // Not catalogued: when the first read stopped before text that mentions them, read the whole object once more (as
        // far as it is well formed and within the limit) for errorName and exception names, which only the fallback rules
        // use, and for an isRetryable the first read did not reach.
        var complete = read.RestMayHoldMore ? PartnerCenterPayloadReader.Read(body, _options.MaxBodyBytes, complete: true) : read;
        var hints = FallbackHints.Describe(complete.ErrorName.DecodeOrNull(json), complete.ExceptionName.DecodeOrNull(json));
        return Classify(statusCode, code, description, hints, read.Outcome, includeRawDescription, complete.Retryable);
    }

    /// <summary>Classifies a response from an already-parsed code and description (for example from an exception).</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="code">The Partner Center error code, or <see langword="null"/>.</param>
    /// <param name="description">The description as sent, or <see langword="null"/>.</param>
    /// <returns>The classification. Never throws. <see cref="PartnerCenterErrorClassification.RawDescription"/> is not filled: the caller has it already.</returns>
    public PartnerCenterErrorClassification Classify(int statusCode, string? code, string? description) =>
        statusCode < 400
            ? NotAnError(statusCode)
            : Classify(statusCode, string.IsNullOrEmpty(code) ? null : code, description, hints: null, code is null && description is null ? PartnerCenterPayloadOutcome.NotRead : PartnerCenterPayloadOutcome.Parsed, includeRaw: false, ServerRetryable.NotStated);

    /// <summary>Classifies a response by its status alone, for when the body is not available or not wanted.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="payload">What became of the body, for <see cref="PartnerCenterErrorClassification.Payload"/>.</param>
    /// <returns>The classification.</returns>
    public static PartnerCenterErrorClassification ClassifyStatus(int statusCode, PartnerCenterPayloadOutcome payload = PartnerCenterPayloadOutcome.NotRead) =>
        statusCode < 400 ? NotAnError(statusCode) : ByStatus(statusCode, payload, description: default);

    private PartnerCenterErrorClassification Classify(int statusCode, string? code, string? description, string? hints, PartnerCenterPayloadOutcome outcome, bool includeRaw, ServerRetryable retryable)
    {
        var raw = includeRaw ? description : null;

        // A description that is itself a JSON object: its code and message, never its keys, are what it says.
        if (description is not null && EmbeddedErrorObject.TryRead(description, _options.MaxBodyBytes, out var innerCode, out var innerMessage))
        {
            code ??= string.IsNullOrWhiteSpace(innerCode) ? null : innerCode.Trim();
            description = innerMessage;
        }

        code = code?[..Math.Min(code.Length, TelemetryLimits.MaxCodeLength)];

        if (code is not null && _options.CategoryOverrides.Count != 0 && _options.CategoryOverrides.TryGetValue(code, out var overridden))
        {
            PartnerCenterErrorCatalog.TryFind(statusCode, code, out var definition);
            definition ??= PartnerCenterErrorCatalog.TryFindByCode(code, out var any) ? any : null;
            return new(statusCode, definition?.Code ?? code, overridden, definition?.Template ?? Redact(description), definition, PartnerCenterClassificationSource.Override, outcome, raw, retryable);
        }

        if (code is not null)
        {
            if (PartnerCenterErrorCatalog.TryFind(statusCode, code, out var exact))
            {
                exact = exact.Resolve(description);
                return WithNumbers(new(statusCode, exact.Code, Pin(statusCode, exact.Category), exact.Template, exact, PartnerCenterClassificationSource.CatalogStatusAndCode, outcome, raw, retryable), description);
            }

            if (PartnerCenterErrorCatalog.TryFindByCodeAlone(statusCode, code, out var byCode))
            {
                return WithNumbers(new(statusCode, byCode.Code, Pin(statusCode, byCode.Category), byCode.Template, byCode, PartnerCenterClassificationSource.CatalogCode, outcome, raw, retryable), description);
            }
        }

        // A transient row's wording at another status says nothing about retrying this one (as for the code alone).
        if (description is not null && PartnerCenterErrorCatalog.TryMatchTemplate(statusCode, description, out var template)
            && (template.Category != PartnerCenterErrorCategory.Transient || template.StatusCode == statusCode || StatusRules.ByStatus(statusCode) == PartnerCenterErrorCategory.Transient))
        {
            return WithNumbers(new(statusCode, code ?? template.Code, Pin(statusCode, template.Category), template.Template, template, PartnerCenterClassificationSource.DescriptionTemplate, outcome, raw, retryable), description);
        }

        // The hints start with a space of their own (FallbackHints.Describe); both null makes the empty text. A fallback
        // that is not sure says unknown rather than the status's guess: a wrong category pages the wrong owner.
        var text = description + hints;
        if (Fallback.TryClassify(statusCode, text, out var fallback))
        {
            var fallbackSource = fallback == PartnerCenterErrorCategory.Unknown ? PartnerCenterClassificationSource.None : PartnerCenterClassificationSource.StatusKeyword;
            return new(statusCode, code, fallback, Redact(description), null, fallbackSource, outcome, raw, retryable);
        }

        return ByStatus(statusCode, outcome, Redact(description), retryable, code, raw);
    }

    /// <summary>Statuses whose meaning no body can change: 401 is auth, 409 conflict and 429 quota.</summary>
    private static PartnerCenterErrorCategory Pin(int statusCode, PartnerCenterErrorCategory category) => statusCode switch
    {
        401 => PartnerCenterErrorCategory.Auth,
        409 => PartnerCenterErrorCategory.Conflict,
        429 => PartnerCenterErrorCategory.Quota,
        _ => category,
    };

    private static PartnerCenterErrorClassification NotAnError(int statusCode) =>
        new(statusCode, null, PartnerCenterErrorCategory.Unknown, null, null, PartnerCenterClassificationSource.NotAnError, PartnerCenterPayloadOutcome.NotRead, null, ServerRetryable.NotStated);

    private static PartnerCenterErrorClassification ByStatus(int statusCode, PartnerCenterPayloadOutcome outcome, string? description, ServerRetryable retryable = ServerRetryable.NotStated, string? code = null, string? raw = null)
    {
        var category = StatusRules.ByStatus(statusCode);
        var source = category == PartnerCenterErrorCategory.Unknown ? PartnerCenterClassificationSource.None : PartnerCenterClassificationSource.Status;
        return new(statusCode, code, category, description, null, source, outcome, raw, retryable);
    }

    private static PartnerCenterErrorClassification FromDefinition(
        int statusCode,
        PartnerCenterErrorDefinition definition,
        PartnerCenterClassificationSource source,
        PartnerCenterPayloadOutcome outcome,
        ReadOnlySpan<byte> json,
        TokenSlice description,
        bool includeRaw,
        ServerRetryable retryable)
    {
        var raw = includeRaw && description.IsPresent ? description.Decode(json) : null;
        var result = new PartnerCenterErrorClassification(statusCode, definition.Code, Pin(statusCode, definition.Category), definition.Template, definition, source, outcome, raw, retryable);
        return description.IsPresent && definition.Template.Contains('{', StringComparison.Ordinal) ? WithNumbers(result, raw ?? description.Decode(json)) : result;
    }

    /// <summary>The classification with its template's short numbers filled in from the server's description, for messages.</summary>
    private static PartnerCenterErrorClassification WithNumbers(PartnerCenterErrorClassification classification, string? description) =>
        description is not null
        && classification.Definition is { } definition
        && ReferenceEquals(classification.Description, definition.Template)
        && definition.Matcher.FillNumbers(description) is { } filled
            ? classification with { DescriptionWithNumbers = filled }
            : classification;

    private string? Redact(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : DescriptionRedactor.Redact(description, _options.MaxDescriptionLength);

    // The code as a number, by the rule of PartnerCenterErrorCatalog.TryParseCode (1 to 9 ASCII digits, leading zeros
    // allowed) so that the fast path accepts exactly the codes the general path would look up by number.
    private static bool TryParseDigits(ReadOnlySpan<byte> digits, out int number)
    {
        number = 0;
        return digits.Length < 10 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
