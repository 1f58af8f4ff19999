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
/// A real signing proxy (INTEROP.md §5) on 127.0.0.1 with its own Ed25519 key that a test can take down — answering
/// 503 (<see cref="Up"/>) or stopped outright, its port refusing connections (<see cref="StopAsync"/>) — and bring
/// back on the same address, to drive signatures into <c>pending</c> and out again.
/// </summary>
internal sealed class SwitchableSigningProxy : IAsyncDisposable
{
    public const string SignerId = "proxy-1";

    private WebApplication _app;
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
        var proxy = new SwitchableSigningProxy(null!);
        proxy._app = await proxy.ListenAsync(0);
        proxy.Url = new Uri(proxy._app.Urls.Single());
        return proxy;
    }

    /// <summary>Stops the server: its port refuses connections until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Starts the server again on the same address, with the same key.</summary>
    public async Task RestartAsync() => _app = await ListenAsync(Url.Port);

    private async Task<WebApplication> ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/sign", SignAsync);
        await app.StartAsync();
        return app;
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
        await _app.DisposeAsync(); // stopped already, or stopped by disposing
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
