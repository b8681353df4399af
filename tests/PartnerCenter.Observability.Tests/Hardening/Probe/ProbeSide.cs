namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>What the app saw on one client: the status, the body bytes, and the exceptions of the send, of the body read and of <c>EnsurePartnerCenterSuccessAsync</c>.</summary>
internal sealed record ProbeSide(int? Status, byte[]? Body, Exception? SendException, Exception? ReadException, Exception? EnsureException);
