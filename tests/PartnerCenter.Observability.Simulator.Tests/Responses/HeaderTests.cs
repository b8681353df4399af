using System.Net;
using PartnerCenter.Observability.Simulator.Tests.Support;

namespace PartnerCenter.Observability.Simulator.Tests.Responses;

/// <summary>MS-RequestId, MS-CorrelationId, MS-CV and WWW-Authenticate on the wire.</summary>
public sealed class HeaderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("status=403;code=800020")]
    [InlineData("kind=html;status=502")]
    [InlineData("status=429")]
    public async Task The_request_and_correlation_ids_are_echoed(string? outcome)
    {
        await using var sim = await PartnerCenterSimulator.StartAsync();
        using var client = SimulatorClient.Create(sim);
        using var request = SimulatorClient.Get("v1/customers", outcome);
        request.Headers.Add("MS-CV", "kT2sR9bqQ0u2Zfx1.3");

        using var response = await client.SendAsync(request);

        Assert.Equal(request.Headers.GetValues("MS-RequestId"), response.Headers.GetValues("MS-RequestId"));
        Assert.Equal(request.Headers.GetValues("MS-CorrelationId"), response.Headers.GetValues("MS-CorrelationId"));
        Assert.Equal("kT2sR9bqQ0u2Zfx1.3.0", Assert.Single(response.Headers.GetValues("MS-CV")));
        Assert.True(response.Headers.Contains("MS-ServerId"));
    }

    [Fact]
    public async Task Missing_ids_are_generated_and_recorded_as_absent()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 5 });
        using var client = SimulatorClient.Create(sim);

        using var response = await client.GetAsync(new Uri("v1/invoices", UriKind.Relative));

        Assert.True(Guid.TryParse(Assert.Single(response.Headers.GetValues("MS-RequestId")), out _));
        Assert.True(Guid.TryParse(Assert.Single(response.Headers.GetValues("MS-CorrelationId")), out _));
        Assert.Matches(@"^[A-Za-z0-9]{16}\.0$", Assert.Single(response.Headers.GetValues("MS-CV")));
        var record = Assert.Single(sim.ReceivedRequests);
        Assert.Null(record.RequestId);
        Assert.Null(record.CorrelationId);
    }

    [Fact]
    public async Task A_401_carries_WWW_Authenticate_with_the_partner_realm()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 42 });
        using var client = SimulatorClient.Create(sim);

        using var response = await client.SendAsync(SimulatorClient.Get("v1/customers", "status=401"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("OAuth", challenge.Scheme);
        Assert.Matches("^realm=urn:cpsvc:cpid:[0-9a-f-]{36}$", challenge.Parameter);
        var body = await response.Content.ReadAsByteArrayAsync();
        var classified = PartnerCenterErrorClassifier.Default.Classify(401, body, response.Content.Headers.ContentType?.ToString());
        Assert.Equal("800001", classified.Code);
        Assert.Equal(PartnerCenterErrorCategory.Auth, classified.Category);
    }

    [Fact]
    public async Task Every_401_of_the_auth_failure_scenario_has_the_challenge_and_no_403_has_it()
    {
        await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 3, Scenario = PartnerCenterScenario.AuthFailure });
        using var client = SimulatorClient.Create(sim);

        var seen = new HashSet<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await client.SendAsync(SimulatorClient.Get("v1/customers"));
            seen.Add(response.StatusCode);
            Assert.Equal(response.StatusCode == HttpStatusCode.Unauthorized, response.Headers.WwwAuthenticate.Count == 1);
        }

        Assert.Contains(HttpStatusCode.Unauthorized, seen);
        Assert.Contains(HttpStatusCode.Forbidden, seen);
    }
}
