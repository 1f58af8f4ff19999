using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Host.Serving;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>The real service (ServiceHost.Build) on real Kestrel on an ephemeral loopback port.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2? _serverCertificate;

    private RunningHost(WebApplication app, Uri address, X509Certificate2? serverCertificate)
    {
        _app = app;
        Address = address;
        _serverCertificate = serverCertificate;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the service with <paramref name="settings"/> as configuration (command-line form, so nothing leaks between tests).</summary>
    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string> settings, X509Certificate2? serverCertificate = null)
    {
        var args = new List<string> { "--urls=" + (serverCertificate is null ? "http" : "https") + "://127.0.0.1:0" };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var app = ServiceHost.Build([.. args]);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, new Uri(address), serverCertificate);
    }

    /// <summary>A client that trusts exactly the test server certificate and presents <paramref name="clientCertificate"/>.</summary>
    public HttpClient Client(X509Certificate2? clientCertificate = null, string? devPrincipal = null, string? bearer = null)
    {
        var handler = new HttpClientHandler();
        if (_serverCertificate is not null)
        {
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.Thumbprint == _serverCertificate.Thumbprint;
        }

        if (clientCertificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(clientCertificate);
        }

        var client = new HttpClient(handler) { BaseAddress = Address };
        if (devPrincipal is not null)
        {
            client.DefaultRequestHeaders.Add("X-Local-Dev-Principal", devPrincipal);
        }

        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Envelope helpers for tests.</summary>
internal static class HostApi
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static object Node(string type, string? id = null) => id is null
        ? new { type, author = "kernel", payload = new { note = type } }
        : new { id, type, author = "kernel", payload = new { note = type } };

    public static string ErrorCode(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString()!;
}
