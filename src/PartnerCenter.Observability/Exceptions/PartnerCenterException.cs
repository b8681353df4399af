using System.Globalization;
using System.Net;
using System.Text;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability;

/// <summary>
/// A Partner Center call that failed with an HTTP error status, with its classified error: code, category,
/// retryability, telemetry-safe description, request ids and Retry-After. Thrown by
/// <see cref="PartnerCenterHttpResponseMessageExtensions.EnsurePartnerCenterSuccessAsync(HttpResponseMessage)"/>; the log
/// enrichers recognise it anywhere in an exception chain.
/// </summary>
/// <remarks>
/// The HTTP status is <see cref="PartnerCenterErrorClassification.StatusCode"/> (an <see cref="int"/>, as on
/// <see cref="PartnerCenterErrorInfo.StatusCode"/>) and the inherited <see cref="HttpRequestException.StatusCode"/>. Made
/// from a classification, the <see cref="Exception.Message"/> holds the method, the operation template, the status, the code (when it is not the status again), the category and
/// the description in template form, with the short numbers the server gave (<c>Try again in 7 seconds.</c>, 1 to 4
/// digits) in place of their placeholders: never the raw description, an id or a URL.
/// </remarks>
public sealed class PartnerCenterException : HttpRequestException
{
    private readonly bool _classified;
    private string? _message;

    /// <summary>Creates the exception with no classified error (<see cref="Classification"/> is the default value).</summary>
    public PartnerCenterException()
    {
    }

    /// <summary>Creates the exception with a message and no classified error.</summary>
    /// <param name="message">The message.</param>
    public PartnerCenterException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message, the exception that caused it and no classified error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public PartnerCenterException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Creates the exception from a classified error. Set <see cref="Method"/>, <see cref="Operation"/>,
    /// <see cref="RequestId"/>, <see cref="CorrelationId"/> and <see cref="RetryAfter"/> with an object initializer;
    /// the <see cref="Exception.Message"/> is made from the classification, the method and the operation.
    /// </summary>
    /// <param name="classification">The classified error, for example from <see cref="PartnerCenterRequestOptions.TryGetPartnerCenterError"/>.</param>
    public PartnerCenterException(PartnerCenterErrorClassification classification)
        : this(classification, null)
    {
    }

    /// <summary>Creates the exception from a classified error and the exception that caused it.</summary>
    /// <param name="classification">The classified error.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public PartnerCenterException(PartnerCenterErrorClassification classification, Exception? innerException)
        : base(HttpRequestError.Unknown, null, innerException, classification.StatusCode > 0 ? (HttpStatusCode)classification.StatusCode : null)
    {
        Classification = classification;
        _classified = true;
    }

    /// <summary>The full classification: status, code, category, catalogue row, the rule that decided, what became of the body.</summary>
    public PartnerCenterErrorClassification Classification { get; }

    /// <summary>The Partner Center error code, such as <c>800020</c>, or <see langword="null"/> when the response had none.</summary>
    public string? Code => Classification.Code;

    /// <summary>What kind of failure this is.</summary>
    public PartnerCenterErrorCategory Category => Classification.Category;

    /// <summary>Whether retrying the same request unchanged may succeed: transient errors and HTTP 429.</summary>
    public bool IsRetryable => Classification.IsRetryable;

    /// <summary>The description in template form (<c>Subscription {0} cannot be migrated ...</c>), or redacted when not catalogued.</summary>
    public string? Description => Classification.Description;

    /// <summary>The HTTP method of the call, such as <c>POST</c>, or <see langword="null"/>.</summary>
    public string? Method { get; init; }

    /// <summary>The low-cardinality operation of the call (a route template such as <c>/v1/customers/{customer_id}/orders</c>, never a URL with ids), or <see langword="null"/>.</summary>
    public string? Operation { get; init; }

    /// <summary>The <c>MS-RequestId</c> of the call (from the response, else the request), or <see langword="null"/>.</summary>
    public string? RequestId { get; init; }

    /// <summary>The <c>MS-CorrelationId</c> of the call (from the response, else the request), or <see langword="null"/>.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The response's Retry-After (delta-seconds or HTTP-date form), or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <inheritdoc />
    public override string Message => _classified ? _message ??= CreateMessage(Classification, Method, Operation) : base.Message;

    private static string CreateMessage(PartnerCenterErrorClassification classification, string? method, string? operation)
    {
        // Every value is stripped of control characters (no forged log lines, no terminal escapes), and the code goes
        // through the same shape check as on spans: an email or a token sent as a code never reaches the message.
        var message = new StringBuilder("Partner Center call ");
        if (!string.IsNullOrEmpty(method))
        {
            message.Append(LogText.StripControlCharacters(method)).Append(' ');
        }

        message.Append(string.IsNullOrEmpty(operation) ? "(unknown operation)" : LogText.StripControlCharacters(operation))
            .Append(" failed: HTTP ")
            .Append(classification.StatusCode.ToString(CultureInfo.InvariantCulture));

        // The code once, and only when it says more than the status (a 429's body often repeats 429 as its code).
        if (ErrorCodeTag.ForSpan(classification) is { Length: > 0 } code
            && code != classification.StatusCode.ToString(CultureInfo.InvariantCulture))
        {
            message.Append(", code ").Append(code);
        }

        message.Append(" (")
            .Append(classification.Category.ToTagValue())
            .Append(classification.IsRetryable ? ", retryable)" : ", not retryable)");
        if ((classification.DescriptionWithNumbers ?? classification.Description) is { Length: > 0 } description)
        {
            message.Append(": ").Append(LogText.StripControlCharacters(description));
        }

        return message.ToString();
    }
}
