using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerCenter.Observability.Tests.Infrastructure;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>
/// Classes 7 and 8: an error body that stalls. Cancelling during the handler's body read is recorded as cancelled; a
/// stalled read that the app abandons never raises <see cref="TaskScheduler.UnobservedTaskException"/>.
/// </summary>
/// <remarks>
/// <see cref="TaskScheduler.UnobservedTaskException"/> is process-wide: the class runs alone, and the abandoned-read test
/// first finalizes what earlier tests left behind, so that it counts only the tasks of its own calls.
/// </remarks>
[Collection(NonParallelTests.Name)]
public sealed class StalledBodyProbeTests
{
    /// <summary>Finalizes unreachable tasks (bounded: 20 rounds), which reports any faulted one nobody observed.</summary>
    private static async Task FinalizeLeftoversAsync()
    {
        for (var i = 0; i < 20; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(25);
        }
    }

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Cancelling_during_the_error_body_read_is_recorded_as_cancelled()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartStallingAsync(release.Task, abort: false);
        CancellationTokenSource? current = null;
        using var harness = new TelemetryHarness(
            services => services.AddHttpClient(TelemetryHarness.ClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new CancelAfterHeadersHandler(() => current!) { InnerHandler = new SocketsHttpHandler() }),
            o => o.BodyReadTimeout = Bound);
        using var instrumented = harness.CreateClient();
        try
        {
            // (Without the handler, a read on a token cancelled after the headers is not always cancelled at once: the
            // runtime may wait for the next bytes. With it, the app gets the cancellation from the handler's read.)
            using var spans = new SpanCollector();
            Exception? withHandler;
            using (current = new CancellationTokenSource(Bound))
            {
                withHandler = await SendAndReadAsync(instrumented, server.BaseAddress, current.Token);
            }
            Assert.IsAssignableFrom<OperationCanceledException>(withHandler);

            // ...and the telemetry says so: no error status, no error count, no failure log.
            Assert.Empty(harness.Errors.GetMeasurementSnapshot());
            var duration = Assert.Single(harness.Duration.GetMeasurementSnapshot());
            Assert.Equal(PartnerCenterTelemetryNames.Values.Canceled, duration.Tags[Tags.ErrorType]);
            Assert.NotEqual(ActivityStatusCode.Error, spans.Single().Status);
            Assert.DoesNotContain(harness.LogsAtOrAbove(LogLevel.Information), r => r.Id.Id is >= 10 and <= 16);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task An_abandoned_stalled_read_that_then_fails_is_observed()
    {
        var unobserved = 0;
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerExceptions.Any(x => x is IOException or HttpRequestException or ObjectDisposedException))
            {
                Interlocked.Increment(ref unobserved);
            }
        }

        await FinalizeLeftoversAsync();
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            for (var call = 0; call < 5; call++)
            {
                var abort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await using var server = await StartStallingAsync(abort.Task, abort: true);
                using var harness = new TelemetryHarness(
                    services => services.AddHttpClient(TelemetryHarness.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler()),
                    o => o.BodyReadTimeout = TimeSpan.FromMilliseconds(100));
                using var client = harness.CreateClient();
                using var timeout = new CancellationTokenSource(Bound);

                // The handler gives up on the stalled body; the app disposes the response without reading it.
                using (var response = await client.GetAsync(new Uri(server.BaseAddress, "v1/invoices"), HttpCompletionOption.ResponseHeadersRead, timeout.Token))
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                }

                // Then the connection resets.
                abort.TrySetResult();
            }

            // Faulted tasks that nobody observed are reported when they are finalised: collect until they would be.
            await FinalizeLeftoversAsync();

            Assert.Equal(0, Volatile.Read(ref unobserved));
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }

    private static Task<LoopbackServer> StartStallingAsync(Task until, bool abort) =>
        LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = abort ? 503 : 500;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"code":800003,""");
            await context.Response.Body.FlushAsync();
            await until.WaitAsync(Bound);
            if (abort)
            {
                context.Abort();
            }
        });

    private static async Task<Exception?> SendAndReadAsync(HttpClient client, Uri baseAddress, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(baseAddress, "v1/invoices"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
