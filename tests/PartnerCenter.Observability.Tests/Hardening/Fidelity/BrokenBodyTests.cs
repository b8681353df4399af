using PartnerCenter.Observability.Hardening.Tests.Faults;
using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Fidelity;

/// <summary>
/// A body that breaks off (the connection is aborted after 2,000 of 10,000 promised bytes): the app gets the same
/// exception chain with the handler as without it, whether the handler's own read of the error body hit the break
/// (regression: it used to surface as a different exception, <c>HttpIOException</c> "response ended prematurely",
/// instead of the connection reset) or not.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class BrokenBodyTests : IClassFixture<FaultServer>, IDisposable
{
    private readonly FaultServer _server;
    private readonly InstrumentedClients _clients = new();

    public BrokenBodyTests(FaultServer server) => _server = server;

    [Theory]
    [InlineData("v1/invoices/broken-error")]
    [InlineData("v1/invoices/broken-success")]
    public async Task A_body_that_breaks_off_fails_the_same_way_with_and_without_the_handler(string path)
    {
        var address = new Uri(_server.BaseAddress, path);
        for (var i = 0; i < 5; i++)
        {
            var bare = await Observation.OfAsync(_clients.Plain, address);
            var ours = await Observation.OfAsync(_clients.Instrumented, address);
            Assert.NotNull(bare.Exception);
            Assert.Equal(bare, ours);
        }
    }

    public void Dispose() => _clients.Dispose();
}
