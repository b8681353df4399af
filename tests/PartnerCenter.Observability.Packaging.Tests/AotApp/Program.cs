// A native AOT web app using the one-liner, the Resilience handler and the Serilog enricher. AotPublishTests publishes
// it (PublishAot, linux-x64), requires no trim or AOT warning, starts the binary and asks GET / once: the app calls its
// own loopback stub of a Partner Center endpoint, which answers 403 with error 800020, and prints the classification.
using PartnerCenter.Observability;
using Serilog;

var builder = WebApplication.CreateSlimBuilder(args);
var port = builder.Configuration["port"] ?? throw new InvalidOperationException("pass --port=<port>");
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Configuration["PartnerCenterTelemetry:Hosts:0"] = $"127.0.0.1:{port}";
builder.AddPartnerCenterTelemetry();
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(new LoggerConfiguration().Enrich.WithPartnerCenterErrors().WriteTo.Console().CreateLogger(), dispose: true);
builder.Services.AddHttpClient("partner-center", client => client.BaseAddress = new Uri($"http://127.0.0.1:{port}/"))
    .AddPartnerCenterResilienceHandler();

var app = builder.Build();
app.MapPost("/v1/customers/{customerId}/orders", () => Results.Text(
    """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD"}""",
    "application/json", statusCode: 403));
app.MapGet("/", async (IHttpClientFactory factory) =>
{
    using var response = await factory.CreateClient("partner-center").PostAsync("v1/customers/0c39d2a1-7f6e-4f4e-9b0a-3c8d2b1e5f60/orders", new StringContent("{}"));
    try
    {
        await response.EnsurePartnerCenterSuccessAsync();
        return $"STATUS {(int)response.StatusCode} NO ERROR";
    }
    catch (PartnerCenterException ex)
    {
        return $"STATUS {(int)response.StatusCode} EXCEPTION code={ex.Code} category={ex.Category.ToTagValue()} retryable={ex.IsRetryable}";
    }
});
app.Run();
