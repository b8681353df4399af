using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerCenter.Observability.Simulator.Hosting;
using PartnerCenter.Observability.Simulator.Outcomes;
using PartnerCenter.Observability.Simulator.Routes;

namespace PartnerCenter.Observability.Simulator;

/// <summary>
/// A Partner Center REST API simulator: a real Kestrel server on 127.0.0.1 serving the common <c>/v1/</c> routes, whose
/// failures follow a <see cref="PartnerCenterScenario"/>. The outcome of each request is a pure function of
/// (<see cref="Seed"/>, the scenario in force, the request's sequence number), so a run is repeatable.
/// </summary>
/// <example>
/// <code>
/// await using var sim = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 42 });
/// using var client = new HttpClient { BaseAddress = sim.BaseAddress };
/// sim.Scenario = PartnerCenterScenario.ThrottleStorm;
/// var response = await client.GetAsync("v1/customers");
/// </code>
/// </example>
public sealed class PartnerCenterSimulator : IAsyncDisposable
{
    /// <summary>
    /// The request header that forces the outcome of one request, overriding the scenario: for example
    /// <c>status=403;code=800020</c>, <c>status=429;retry-after=7;retry-after-form=date</c>, <c>kind=drop</c>,
    /// <c>kind=slow</c>, <c>kind=timeout</c>, <c>kind=html;status=502</c> or <c>kind=empty;status=503</c>.
    /// </summary>
    public const string OutcomeHeader = OutcomePipeline.OutcomeHeader;

    private readonly WebApplication _app;
    private readonly SimulatorState _state;
    private int _disposed;

    private PartnerCenterSimulator(WebApplication app, SimulatorState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The simulator's address, such as <c>http://127.0.0.1:54321/</c> (with a trailing slash, ready for <see cref="HttpClient.BaseAddress"/>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The seed the outcomes follow.</summary>
    public int Seed => _state.Seed;

    /// <summary>The scenario for the requests that arrive from now on. Thread-safe; may be changed at any time.</summary>
    public PartnerCenterScenario Scenario
    {
        get => _state.Scenario;
        set => _state.Scenario = value;
    }

    /// <summary>How many requests the simulator has received (the last sequence number given).</summary>
    public long RequestCount => _state.RequestCount;

    /// <summary>
    /// A snapshot of the requests received (the most recent <see cref="PartnerCenterSimulatorOptions.MaxRecordedRequests"/>),
    /// in sequence order, each with its ids as sent and the status sent. A request is recorded as soon as it arrives.
    /// </summary>
    public IReadOnlyList<PartnerCenterSimulatorRequest> ReceivedRequests => _state.Recorder.Snapshot();

    /// <summary>A snapshot of how many responses were sent with each status (dropped connections send none and are not counted).</summary>
    public IReadOnlyDictionary<int, int> StatusCounts => _state.Recorder.StatusCounts();

    /// <summary>Starts a simulator.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (a free port, seed 0, <see cref="PartnerCenterScenario.Healthy"/>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="IOException">The port is in use.</exception>
    public static async Task<PartnerCenterSimulator> StartAsync(PartnerCenterSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PartnerCenterSimulatorOptions();
        options.Validate();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(PartnerCenterSimulator).Assembly.GetName().Name });
        var port = options.Port;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var state = new SimulatorState(options, loggerFactory.CreateLogger(typeof(PartnerCenterSimulator).FullName!));
        try
        {
            app.Use((context, next) => OutcomePipeline.InvokeAsync(state, context, next));
            ControlRoutes.Map(app, state);
            PartnerCenterApiRoutes.Map(app, state);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var baseAddress = new Uri(address.TrimEnd('/') + "/");
            SimulatorLog.Started(state.Logger, baseAddress, options.Scenario, state.Seed);
            return new PartnerCenterSimulator(app, state, baseAddress);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            state.Dispose();
            throw;
        }
    }

    /// <summary>Forgets the recorded requests and the status counts (the sequence numbers go on).</summary>
    public void ClearReceivedRequests() => _state.Recorder.Clear();

    /// <summary>Stops the server: held and stalled responses are aborted, then Kestrel stops.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _state.StopAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            SimulatorLog.Stopped(_state.Logger, _state.RequestCount);
            _state.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Partner Center simulator at {BaseAddress} (scenario {Scenario.ToName()}, seed {Seed})";
}
