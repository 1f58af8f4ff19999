using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// A real signing proxy (INTEROP.md §5) on 127.0.0.1 with its own Ed25519 key that a test can take down (503) and
/// bring back, to drive snapshots into <c>pending</c> and out again.
/// </summary>
internal sealed class SwitchableSigningProxy : IAsyncDisposable
{
    public const string SignerId = "proxy-1";

    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _signed = new();
    private volatile bool _up = true;

    private SwitchableSigningProxy(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public Ed25519PrivateKey Key { get; } = Ed25519PrivateKey.Generate();

    /// <summary>False: every sign request gets 503.</summary>
    public bool Up
    {
        get => _up;
        set => _up = value;
    }

    /// <summary>The lowercase hex digests signed so far (successful requests only), in order.</summary>
    public IReadOnlyList<string> SignedDigests => [.. _signed];

    public static async Task<SwitchableSigningProxy> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new SwitchableSigningProxy(app);
        app.MapPost("/sign", proxy.SignAsync);
        await app.StartAsync();
        proxy.Url = new Uri(app.Urls.Single());
        return proxy;
    }

    /// <summary>Writes a signer registry holding the proxy's public key and returns its path.</summary>
    public async Task<string> WriteRegistryAsync(string directory)
    {
        string path = Path.Combine(directory, "signers.json");
        await File.WriteAllBytesAsync(path, new SignerRegistry([RegisteredSigner.ForEd25519(SignerId, Key.PublicKey)]).ToJson());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Key.Dispose();
    }

    private async Task SignAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (!_up)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        byte[] digest = Convert.FromBase64String((string)body!["payload_b64"]!);
        _signed.Enqueue(Convert.ToHexStringLower(digest));
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["signature_b64"] = Convert.ToBase64String(Key.Sign(digest)),
            // One key under any requested key id (as a KMS alias would), so a test can ask for a second signer id.
            ["signer_id"] = (string?)body["key_id"] ?? SignerId,
        });
    }
}
