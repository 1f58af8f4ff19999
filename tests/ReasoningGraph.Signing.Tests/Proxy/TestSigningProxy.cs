using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Proxy;

/// <summary>
/// A real signing proxy speaking INTEROP.md §5 on 127.0.0.1 (Kestrel, minimal API) with its own Ed25519 key:
/// plain HTTP, or HTTPS that requires a client certificate issued by the test CA. Its answers are scripted
/// per request so tests can make it fail, hang or lie.
/// </summary>
internal sealed class TestSigningProxy : IAsyncDisposable
{
    public const string DefaultSignerId = "proxy-key-1";

    private readonly WebApplication _app;
    private int _signRequests;

    private TestSigningProxy(WebApplication app, Ed25519PrivateKey key, string signerId)
    {
        _app = app;
        Key = key;
        SignerId = signerId;
    }

    public Uri Url { get; private set; } = null!;

    public Ed25519PrivateKey Key { get; }

    public string SignerId { get; }

    /// <summary>The answer to the n-th (1-based) sign request. Default: always sign.</summary>
    public Func<int, ProxyBehavior> Behavior { get; set; } = _ => ProxyBehavior.Sign;

    public int SignRequests => Volatile.Read(ref _signRequests);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<TestSigningProxy> StartAsync(TestCertificates? tls = null, string? requiredToken = null, string signerId = DefaultSignerId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls.Server;
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => TestCertificates.ChainsTo(certificate, tls.Authority);
                });
            }
        }));
        var app = builder.Build();
        var proxy = new TestSigningProxy(app, Ed25519PrivateKey.Generate(), signerId);
        app.MapPost("/sign", context => proxy.SignAsync(context, requiredToken));
        app.MapPost("/verify", context => proxy.VerifyAsync(context));
        await app.StartAsync();
        proxy.Url = new Uri(app.Urls.Single());
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Key.Dispose();
    }

    private async Task SignAsync(HttpContext context, string? requiredToken)
    {
        int attempt = Interlocked.Increment(ref _signRequests);
        var body = await JsonNode.ParseAsync(context.Request.Body);
        string? authorization = context.Request.Headers.Authorization;
        Requests.Enqueue(new RecordedRequest(authorization, body?.ToJsonString(), context.Connection.ClientCertificate?.Subject));
        if (requiredToken is not null && authorization != "Bearer " + requiredToken)
        {
            context.Response.StatusCode = 401;
            return;
        }

        byte[] digest = Convert.FromBase64String((string)body!["payload_b64"]!);
        switch (Behavior(attempt))
        {
            case ProxyBehavior.Sign:
                await AnswerAsync(context, Key.Sign(digest), SignerId);
                break;
            case ProxyBehavior.Fail500:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("{\"error\":\"kms unavailable\"}");
                break;
            case ProxyBehavior.Fail503:
                context.Response.StatusCode = 503;
                break;
            case ProxyBehavior.BadRequest:
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("{\"error\":\"unknown key_id\"}");
                break;
            case ProxyBehavior.Hang:
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            case ProxyBehavior.Garbage:
                await context.Response.WriteAsync("<html>502 bad gateway</html>");
                break;
            case ProxyBehavior.ShortSignature:
                await AnswerAsync(context, Key.Sign(digest)[..32], SignerId);
                break;
            case ProxyBehavior.NotBase64:
                await context.Response.WriteAsJsonAsync(new JsonObject { ["signature_b64"] = "not base64!", ["signer_id"] = SignerId });
                break;
            case ProxyBehavior.ForeignSignature:
                using (var other = Ed25519PrivateKey.Generate())
                {
                    await AnswerAsync(context, other.Sign(digest), SignerId);
                }

                break;
            case ProxyBehavior.WrongSignerId:
                await AnswerAsync(context, Key.Sign(digest), SignerId + "-other");
                break;
        }
    }

    private async Task VerifyAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        byte[] digest = Convert.FromBase64String((string)body!["payload_b64"]!);
        byte[] signature = Convert.FromBase64String((string)body["signature_b64"]!);
        bool verified = (string?)body["signer_id"] == SignerId && Key.PublicKey.Verify(digest, signature);
        await context.Response.WriteAsJsonAsync(new JsonObject { ["verified"] = verified });
    }

    private static Task AnswerAsync(HttpContext context, byte[] signature, string signerId) =>
        context.Response.WriteAsJsonAsync(new JsonObject { ["signature_b64"] = Convert.ToBase64String(signature), ["signer_id"] = signerId });
}
