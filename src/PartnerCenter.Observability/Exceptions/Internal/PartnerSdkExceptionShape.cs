using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Reflection;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Errors;

/// <summary>
/// Recognises the archived Partner Center SDK's <c>Microsoft.Store.PartnerCenter.Exceptions.PartnerException</c> by its
/// shape, with no reference to the SDK: a type named <c>PartnerException</c> (or deriving from one) with an
/// <c>ErrorCategory</c> property and a <c>ServiceErrorPayload</c> property whose type has <c>ErrorCode</c> (and maybe
/// <c>ErrorMessage</c>). Optional: <c>Context.RequestId</c>/<c>Context.CorrelationId</c> and <c>Response.StatusCode</c>.
/// The check and its <see cref="PropertyInfo"/>s are cached per type; every read is guarded.
/// </summary>
/// <remarks>
/// The HTTP status is the SDK's <c>Response.StatusCode</c> when it has one, else derived from the SDK's category, which
/// the SDK itself derived from the status: BadInput 400, Unauthorized 401, Forbidden 403, NotFound 404,
/// InvalidOperation 405, UnsupportedDataFormat 406, RequestTimeout 408, AlreadyExists 409, TooManyRequests 429,
/// ServerError 500 (the SDK's catch-all), ServerBusy 503, GatewayTimeout 504. NotSpecified and ResponseParsing have no
/// status: then the status of the code's catalogue row is used, if the code is catalogued, else the category is unknown.
/// </remarks>
internal sealed class PartnerSdkExceptionShape
{
    private const string TypeName = "PartnerException";
    private static readonly ConcurrentDictionary<Type, PartnerSdkExceptionShape?> Shapes = new();

    private readonly PropertyInfo _category;
    private readonly PropertyInfo _payload;
    private readonly PropertyInfo _errorCode;
    private readonly PropertyInfo? _errorMessage;
    private readonly PropertyInfo? _context;
    private readonly PropertyInfo? _requestId;
    private readonly PropertyInfo? _correlationId;
    private readonly PropertyInfo? _response;
    private readonly PropertyInfo? _statusCode;

    private PartnerSdkExceptionShape(PropertyInfo category, PropertyInfo payload, PropertyInfo errorCode, PropertyInfo? errorMessage, PropertyInfo? context, PropertyInfo? response)
    {
        _category = category;
        _payload = payload;
        _errorCode = errorCode;
        _errorMessage = errorMessage;
        _context = context;
        _requestId = context is null ? null : Property(context.PropertyType, "RequestId");
        _correlationId = context is null ? null : Property(context.PropertyType, "CorrelationId");
        _response = response;
        _statusCode = response is null ? null : Property(response.PropertyType, "StatusCode");
    }

    /// <summary>Reads the SDK exception's error, classified by <paramref name="classifier"/> (the app's, so that its overrides apply).</summary>
    public static bool TryRead(Exception exception, PartnerCenterErrorClassifier classifier, out PartnerCenterErrorInfo info)
    {
        info = default;
        var type = exception.GetType();
        var shape = Shapes.GetOrAdd(type, static t => Create(t));
        return shape is not null && shape.Read(exception, classifier, out info);
    }

    /// <summary>The HTTP status the SDK derived a category from.</summary>
    internal static int? StatusOf(string? category) => category switch
    {
        "BadInput" => 400,
        "Unauthorized" => 401,
        "Forbidden" => 403,
        "NotFound" => 404,
        "InvalidOperation" => 405,
        "UnsupportedDataFormat" => 406,
        "RequestTimeout" => 408,
        "AlreadyExists" => 409,
        "TooManyRequests" => 429,
        "ServerError" => 500,
        "ServerBusy" => 503,
        "GatewayTimeout" => 504,
        _ => null,
    };

    private bool Read(Exception exception, PartnerCenterErrorClassifier classifier, out PartnerCenterErrorInfo info)
    {
        var payload = Get(_payload, exception);
        var code = Text(payload is null ? null : Get(_errorCode, payload), TelemetryLimits.MaxCodeLength);
        var message = Text(payload is null || _errorMessage is null ? null : Get(_errorMessage, payload), TelemetryLimits.MaxSdkDescriptionLength);
        var status = Status(Get(_response, exception)) ?? StatusOf(Text(Get(_category, exception), TelemetryLimits.MaxIdLength));
        if (status is null && PartnerCenterErrorCatalog.TryFindByCode(code, out var definition))
        {
            status = definition.StatusCode;
        }

        var context = Get(_context, exception);
        var requestId = Id(context is null ? null : Get(_requestId, context));
        var correlationId = Id(context is null ? null : Get(_correlationId, context));
        if (status is >= 400 and <= 599)
        {
            var classification = classifier.Classify(status.Value, string.IsNullOrWhiteSpace(code) ? null : code, message);
            info = PartnerCenterErrorInfo.From(classification, requestId, correlationId, null, null, exception.GetType());
            return true;
        }

        // Nothing could be read (every member failed or was empty): this exception tells nothing, so the walk goes on
        // to the next one, which may be a real Partner Center error.
        if (string.IsNullOrWhiteSpace(code) && status is null && requestId is null && correlationId is null)
        {
            info = default;
            return false;
        }

        // No status at all: the category is unknown; the code still goes out, bounded.
        var bounded = string.IsNullOrWhiteSpace(code) ? null : Telemetry.ErrorCodeTag.ForSpan(code);
        info = new PartnerCenterErrorInfo
        {
            Code = bounded,
            Category = PartnerCenterErrorCategory.Unknown,
            RequestId = Http.PartnerCenterHeaders.WellFormed(Http.PartnerCenterHeaders.RequestId, requestId),
            CorrelationId = Http.PartnerCenterHeaders.WellFormed(Http.PartnerCenterHeaders.CorrelationId, correlationId),
            ErrorType = bounded ?? exception.GetType().FullName ?? exception.GetType().Name,
        };
        return true;
    }

    private int? Status(object? response)
    {
        try
        {
            return response is not null && _statusCode is not null && Get(_statusCode, response) is { } value
                ? value switch
                {
                    HttpStatusCode statusCode => (int)statusCode,
                    int number => number,
                    IConvertible convertible => convertible.ToInt32(CultureInfo.InvariantCulture),
                    _ => null,
                }
                : null;
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The SDK's shape is optional: when trimming removed a property the exception is simply not recognised.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The SDK's shape is optional: when trimming removed a property the exception is simply not recognised.")]
    private static PartnerSdkExceptionShape? Create(Type type)
    {
        try
        {
            if (!IsNamed(type))
            {
                return null;
            }

            var category = Property(type, "ErrorCategory");
            var payload = Property(type, "ServiceErrorPayload");
            var errorCode = payload is null ? null : Property(payload.PropertyType, "ErrorCode");
            if (category is null || payload is null || errorCode is null)
            {
                return null;
            }

            return new PartnerSdkExceptionShape(category, payload, errorCode, Property(payload.PropertyType, "ErrorMessage"), Property(type, "Context"), Property(type, "Response"));
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static bool IsNamed(Type type)
    {
        for (var current = type; current is not null && current != typeof(Exception); current = current.BaseType)
        {
            if (current.Name == TypeName)
            {
                return true;
            }
        }

        return false;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The SDK's shape is optional: when trimming removed a property the exception is simply not recognised.")]
    private static PropertyInfo? Property(Type type, string name)
    {
        try
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            return property is { CanRead: true } && property.GetIndexParameters().Length == 0 ? property : null;
        }
        catch (AmbiguousMatchException)
        {
            return null;
        }
    }

    private static object? Get(PropertyInfo? property, object target)
    {
        if (property is null)
        {
            return null;
        }

        try
        {
            return property.GetValue(target);
        }
        catch (Exception)
        {
            // A throwing getter, or a target of another type than the declared one: as if the value were missing.
            return null;
        }
    }

    private static string? Text(object? value, int maxLength)
    {
        string? text;
        try
        {
            text = value switch
            {
                null => null,
                string s => s,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }
        catch (Exception)
        {
            return null;
        }

        return text is null ? null : text.Length > maxLength ? text[..maxLength] : text;
    }

    private static string? Id(object? value) => value switch
    {
        Guid guid when guid == Guid.Empty => null,
        _ => Text(value, TelemetryLimits.MaxIdLength) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : null,
    };
}
