// The archived Partner Center SDK's exception, by shape, with members that throw: the enrichers read it by reflection.
#pragma warning disable CA1822, CA1065

namespace PartnerCenter.Observability.Hardening.Tests.Faults.Shapes;

public sealed class ThrowingPayload
{
    public string ErrorCode => throw new InvalidOperationException("payload ErrorCode fault");

    public string ErrorMessage => throw new InvalidOperationException("payload ErrorMessage fault");
}

public sealed class PartnerException : Exception
{
    public PartnerException()
        : base("SDK failure")
    {
    }

    public string ErrorCategory => throw new InvalidOperationException("ErrorCategory fault");

    public ThrowingPayload ServiceErrorPayload => throw new InvalidOperationException("ServiceErrorPayload fault");

    public object Context => throw new InvalidOperationException("Context fault");

    public override string Message => throw new InvalidOperationException("Message fault");
}
