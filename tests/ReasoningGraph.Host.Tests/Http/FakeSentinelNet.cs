using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// A real SentinelNet policy service on 127.0.0.1 (Kestrel) answering <c>POST /v1/evaluate</c> the way <see cref="Mode"/>
/// says: allow, deny with a rationale, too slowly, with a 5xx, or with garbage. Keeps every request it received.
/// </summary>
internal sealed class FakeSentinelNet : IAsyncDisposable
{
    public const string PolicyId = "promotion-guard-v3";
    public const string Rationale = "Actions on production need two approvals; this one has one.";

    private readonly WebApplication _app;
    private volatile string _mode = "deny";

    private FakeSentinelNet(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>allow, deny, slow, error, garbage, deny-actions (deny a batch holding an "action" node, allow the rest).</summary>
    public string Mode
    {
        get => _mode;
        set => _mode = value;
    }

    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    public static async Task<FakeSentinelNet> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new FakeSentinelNet(app);
        app.MapPost("/v1/evaluate", service.EvaluateAsync);
        await app.StartAsync();
        service.Url = new Uri(app.Urls.Single());
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task EvaluateAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        Requests.Enqueue(request.RootElement.Clone());
        bool holdsAction = request.RootElement.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("type").GetString() == "action");
        switch (_mode)
        {
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
                break;
            case "error":
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            case "garbage":
                await context.Response.WriteAsync("<html>proxy error</html>");
                break;
            case "deny":
            case "deny-actions" when holdsAction:
                await context.Response.WriteAsJsonAsync(new { decision = "deny", policyId = PolicyId, rationale = Rationale });
                break;
            default:
                await context.Response.WriteAsJsonAsync(new { decision = "allow" });
                break;
        }
    }
}
