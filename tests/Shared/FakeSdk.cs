using System.Net;

// The fakes copy the SDK's shape: instance properties, even where a fake has nothing to keep.
#pragma warning disable CA1822

// The archived Partner Center SDK's exception, re-created by shape: the enrichers must recognise it without a reference.
namespace Microsoft.Store.PartnerCenter.Exceptions
{
    public enum PartnerErrorCategory
    {
        NotSpecified,
        BadInput,
        Unauthorized,
        Forbidden,
        NotFound,
        UnsupportedDataFormat,
        AlreadyExists,
        InvalidOperation,
        ServerError,
        ServerBusy,
        RequestTimeout,
        GatewayTimeout,
        ResponseParsing,
        TooManyRequests,
    }

    public interface IRequestContext
    {
        Guid CorrelationId { get; }

        Guid RequestId { get; }

        string Locale { get; }
    }

    public sealed class RequestContext(Guid requestId, Guid correlationId) : IRequestContext
    {
        public Guid CorrelationId { get; } = correlationId;

        public Guid RequestId { get; } = requestId;

        public string Locale => "en-US";
    }

    public sealed class ApiFault
    {
        public string? ErrorCode { get; set; }

        public string? ErrorMessage { get; set; }

        public IEnumerable<object>? ErrorData { get; set; }
    }

    public class PartnerException : Exception
    {
        public PartnerException(ApiFault? apiFault, IRequestContext? context, PartnerErrorCategory errorCategory = PartnerErrorCategory.NotSpecified, Exception? innerException = null)
            : base(apiFault?.ErrorMessage ?? string.Empty, innerException)
        {
            ServiceErrorPayload = apiFault;
            Context = context;
            ErrorCategory = errorCategory;
        }

        public PartnerErrorCategory ErrorCategory { get; }

        public IRequestContext? Context { get; }

        public ApiFault? ServiceErrorPayload { get; }
    }
}

// Variations of the shape.
namespace PartnerCenter.Observability.Enrichers.Tests.Fakes.WithResponse
{
    /// <summary>An SDK build that also carries the HTTP response.</summary>
    public sealed class PartnerException(Microsoft.Store.PartnerCenter.Exceptions.ApiFault apiFault, HttpResponseMessage response, Microsoft.Store.PartnerCenter.Exceptions.PartnerErrorCategory errorCategory)
        : Exception(apiFault.ErrorMessage)
    {
        public Microsoft.Store.PartnerCenter.Exceptions.PartnerErrorCategory ErrorCategory { get; } = errorCategory;

        public Microsoft.Store.PartnerCenter.Exceptions.ApiFault ServiceErrorPayload { get; } = apiFault;

        public HttpResponseMessage Response { get; } = response;
    }
}

namespace PartnerCenter.Observability.Enrichers.Tests.Fakes.Throwing
{
    /// <summary>The shape, with getters that throw.</summary>
    public sealed class PartnerException() : Exception("throwing getters")
    {
        public Microsoft.Store.PartnerCenter.Exceptions.PartnerErrorCategory ErrorCategory => Microsoft.Store.PartnerCenter.Exceptions.PartnerErrorCategory.Forbidden;

        public Microsoft.Store.PartnerCenter.Exceptions.ApiFault ServiceErrorPayload => throw new InvalidOperationException("payload getter throws");

        public Microsoft.Store.PartnerCenter.Exceptions.IRequestContext Context => throw new NotSupportedException("context getter throws");

        public HttpResponseMessage Response => throw new ObjectDisposedException("response");
    }
}

namespace PartnerCenter.Observability.Enrichers.Tests.Fakes.Incomplete
{
    /// <summary>Named like the SDK's exception, without its shape (no ServiceErrorPayload): not recognised.</summary>
    public sealed class PartnerException(HttpStatusCode status) : Exception("some other library")
    {
        public string ErrorCategory => "Forbidden";

        public HttpStatusCode Status { get; } = status;
    }
}
