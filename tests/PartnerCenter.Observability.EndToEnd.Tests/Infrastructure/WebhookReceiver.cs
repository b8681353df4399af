using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One alert of an Alertmanager webhook notification, as the receiver got it. <see cref="Sender"/> is the notification's
/// <c>externalURL</c>: which Alertmanager of a cluster sent it.
/// </summary>
internal sealed record DeliveredAlert(string Receiver, string Status, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string Sender = "")
{
    public string Name => Labels.TryGetValue("alertname", out var name) ? name : "";

    /// <summary>The alert's identity: its labels, sorted.</summary>
    public string Identity => string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    public override string ToString() => $"{Receiver}: {Status} {Identity}";
}

/// <summary>
/// A Kestrel endpoint on 127.0.0.1 that plays the receivers of dashboards/alertmanager/partner-center.yml: the path
/// names the receiver (/partner-center-ours-ticket, /partner-center-credentials-pager, ...), every POSTed webhook notification is kept.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string Receiver, int Notification, DeliveredAlert Alert)> _alerts = [];
    private int _notifications;

    private WebhookReceiver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            receiver!.Add(context.Request.Path.Value!.Trim('/'), document.RootElement);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return receiver;
    }

    /// <summary>Every alert delivered so far, with the number of the notification that carried it.</summary>
    public IReadOnlyList<(string Receiver, int Notification, DeliveredAlert Alert)> Delivered
    {
        get
        {
            lock (_alerts)
            {
                return [.. _alerts];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Add(string receiver, JsonElement notification)
    {
        lock (_alerts)
        {
            var number = ++_notifications;
            foreach (var alert in notification.GetProperty("alerts").EnumerateArray())
            {
                _alerts.Add((receiver, number, new DeliveredAlert(
                    receiver,
                    alert.GetProperty("status").GetString() ?? "",
                    Strings(alert.GetProperty("labels")),
                    Strings(alert.GetProperty("annotations")),
                    notification.TryGetProperty("externalURL", out var sender) ? sender.GetString() ?? "" : "")));
            }
        }
    }

    private static Dictionary<string, string> Strings(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
}
