namespace PartnerCenter.Observability;

/// <summary>
/// The names of everything the library emits: the ActivitySource, the Meter, the instruments and the tags.
/// This is the contract that dashboards and alerts rely on (docs/telemetry.md); tests read the names from here.
/// </summary>
public static class PartnerCenterTelemetryNames
{
    /// <summary>The name of the ActivitySource and of the Meter: <c>PartnerCenter.Observability</c>.</summary>
    public const string SourceName = "PartnerCenter.Observability";

    /// <summary>Histogram, seconds: the duration of each HTTP attempt to Partner Center.</summary>
    public const string RequestDuration = "partner_center.client.request.duration";

    /// <summary>Counter: failed attempts (status 400 and above, or a network failure; cancellations are not counted).</summary>
    public const string Errors = "partner_center.client.errors";

    /// <summary>Histogram, seconds: the Retry-After of every response that carries one.</summary>
    public const string RetryAfter = "partner_center.client.retry_after";

    /// <summary>Counter: retries decided by the Partner Center resilience handler (recorded by package PartnerCenter.Observability.Resilience, on a meter of the same name).</summary>
    public const string Retries = "partner_center.client.retries";

    /// <summary>Counter: distinct uncataloged (status, code) pairs, counted the first time the process sees each (docs/error-categories.md).</summary>
    public const string UncatalogedCodes = "partner_center.client.uncataloged_codes";

    /// <summary>Tag names, following the OpenTelemetry semantic conventions plus the <c>partner_center.*</c> namespace.</summary>
    public static class Tags
    {
        /// <summary>The HTTP method, such as <c>GET</c>.</summary>
        public const string HttpRequestMethod = "http.request.method";

        /// <summary>The HTTP status of the response.</summary>
        public const string HttpResponseStatusCode = "http.response.status_code";

        /// <summary>The host of the request URI.</summary>
        public const string ServerAddress = "server.address";

        /// <summary>The Partner Center error code when known, else the status code, else the exception type; <c>cancelled</c> for a cancelled call.</summary>
        public const string ErrorType = "error.type";

        /// <summary>Which attempt of a logical call this is (0 for the first).</summary>
        public const string HttpRequestResendCount = "http.request.resend_count";

        /// <summary>The low-cardinality operation: the route template, such as <c>/v1/customers/{customer_id}/orders</c>.</summary>
        public const string Operation = "partner_center.operation";

        /// <summary>The Partner Center error code (catalogued codes; others collapse to <c>other</c> past a cap).</summary>
        public const string ErrorCode = "partner_center.error.code";

        /// <summary>The error category: auth, quota, eligibility, transient, validation, not_found, conflict or unknown.</summary>
        public const string ErrorCategory = "partner_center.error.category";

        /// <summary>Whether the failure may succeed if retried unchanged.</summary>
        public const string Retryable = "partner_center.retryable";

        /// <summary>The error description in template form (logs only, never a metric tag).</summary>
        public const string ErrorDescription = "partner_center.error.description";

        /// <summary>The MS-RequestId of the call (spans and logs only).</summary>
        public const string RequestId = "partner_center.request_id";

        /// <summary>The MS-CorrelationId of the call (spans and logs only).</summary>
        public const string CorrelationId = "partner_center.correlation_id";

        /// <summary>The MS-CV correlation vector of the response (spans and logs only).</summary>
        public const string CorrelationVector = "partner_center.cv";

        /// <summary>The Retry-After of the response, in seconds.</summary>
        public const string RetryAfter = "partner_center.retry_after";
    }

    /// <summary>Values with a fixed meaning.</summary>
    public static class Values
    {
        /// <summary>The value that codes and operations collapse to past their cap.</summary>
        public const string Other = "other";

        /// <summary>The <c>error.type</c> of a call cancelled by the caller.</summary>
        public const string Canceled = "cancelled";
    }
}
