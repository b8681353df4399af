// A fresh `dotnet new web` app using the PartnerCenter.Observability packages the way their READMEs say, against the
// simulator package started in-process. PackagingTests copies this file into the app and checks what it prints.
using System.Diagnostics;
using System.Text;
using PartnerCenter.Observability;
using PartnerCenter.Observability.Simulator;
using Serilog;
using Serilog.Core;
using Serilog.Events;

await using var simulator = await PartnerCenterSimulator.StartAsync(new PartnerCenterSimulatorOptions { Seed = 42 });
Console.WriteLine($"SIMULATOR {simulator.BaseAddress}");

// Prints every Partner Center span as it ends (the OTLP exporter sends the same spans to the collector).
using var listener = new ActivityListener
{
    ShouldListenTo = source => source.Name == "PartnerCenter.Observability",
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    ActivityStopped = activity => Console.WriteLine(
        $"SPAN {activity.DisplayName} partner_center.error.code={activity.GetTagItem("partner_center.error.code")} " +
        $"partner_center.error.category={activity.GetTagItem("partner_center.error.category")}"),
};
ActivitySource.AddActivityListener(listener);

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Configuration["PartnerCenterTelemetry:Hosts:0"] = simulator.BaseAddress.Authority;
builder.AddPartnerCenterTelemetry();
builder.Services.AddHttpClient("partner-center", client => client.BaseAddress = simulator.BaseAddress);

var app = builder.Build();
app.MapGet("/", () => "Hello World!");
await app.StartAsync();

using var serilog = new LoggerConfiguration().Enrich.WithPartnerCenterErrors().WriteTo.Sink(new ConsoleProperties()).CreateLogger();
var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("partner-center");
using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/customers/0c39d2a1-7f6e-4f4e-9b0a-3c8d2b1e5f60/orders"))
{
    request.Content = new StringContent("""{"lineItems":[{"offerId":"CFQ7TTC0LH18:0001:CFQ7TTC0K971","quantity":1}]}""", Encoding.UTF8, "application/json");
    request.Headers.Add(PartnerCenterSimulator.OutcomeHeader, "status=403;code=800020");
    using var response = await http.SendAsync(request);
    Console.WriteLine($"STATUS {(int)response.StatusCode}");
    try
    {
        await response.EnsurePartnerCenterSuccessAsync();
    }
    catch (PartnerCenterException ex)
    {
        Console.WriteLine($"EXCEPTION code={ex.Code} category={ex.Category.ToTagValue()} retryable={ex.IsRetryable}");
        serilog.Error(ex, "The order failed");
    }
}

await app.StopAsync();
await app.DisposeAsync();   // flushes the OpenTelemetry exporters
Console.WriteLine("DONE");

sealed class ConsoleProperties : ILogEventSink
{
    public void Emit(LogEvent logEvent) => Console.WriteLine(
        $"SERILOG partner_center.error.code={logEvent.Properties.GetValueOrDefault("partner_center.error.code")}");
}
