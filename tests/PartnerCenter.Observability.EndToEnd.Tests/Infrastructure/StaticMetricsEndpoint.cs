using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A Kestrel endpoint on 127.0.0.1 that answers /metrics with a Prometheus text exposition the test sets (and may change
/// between scrapes): a scrape target whose series are known exactly, for tests about the alerting path rather than the
/// library's metrics.
/// </summary>
internal sealed class StaticMetricsEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _exposition;

    private StaticMetricsEndpoint(WebApplication app, string exposition)
    {
        _app = app;
        _exposition = exposition;
    }

    /// <summary>The /metrics URL.</summary>
    public Uri MetricsUrl { get; private set; } = null!;

    /// <summary>The text the next scrapes get.</summary>
    public string Exposition
    {
        get => _exposition;
        set => _exposition = value;
    }

    public static async Task<StaticMetricsEndpoint> StartAsync(string exposition)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new StaticMetricsEndpoint(app, exposition);
        app.Run(async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await context.Response.WriteAsync(endpoint._exposition, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.MetricsUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/metrics");
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
