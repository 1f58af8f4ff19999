using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// TLS material rotated under a running service over real HTTPS (Kubernetes secret rotation): a new server
/// certificate is served and a new client CA is trusted, without a restart.
/// </summary>
public sealed class CertificateReloadTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-reload-");
    private TestCertificates _pki = null!;
    private RunningHost _host = null!;

    public async Task InitializeAsync()
    {
        _pki = new TestCertificates(_directory);
        _host = await RunningHost.StartAsync(
            new Dictionary<string, string>(_pki.ProductionMtlsSettings())
            {
                ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
                ["TLS_RELOAD_SECONDS"] = "1",
            },
            _pki.Server);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose()
    {
        _pki.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task ARotatedServerCertificate_IsServed_WithoutARestart()
    {
        Assert.Equal(_pki.Server.Thumbprint, await PresentedThumbprintAsync());

        var rotated = _pki.RotateServer();

        Assert.True(await EventuallyAsync(async () => await PresentedThumbprintAsync() == rotated.Thumbprint), "the rotated certificate was never served");
    }

    [Fact]
    public async Task AReplacedClientCa_IsTrusted_AndTheOldOneNoLonger()
    {
        using var fromOtherCa = _host.Client(_pki.Client("kernel", _pki.OtherCa));
        using var fromOldCa = _host.Client(_pki.Client("kernel"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await HostApi.PostAsync(fromOtherCa, "/reason/node", HostApi.Node("decision"))).Status);

        _pki.ReplaceClientCa(_pki.OtherCa);

        Assert.True(await EventuallyAsync(async () => (await HostApi.PostAsync(fromOtherCa, "/reason/node", HostApi.Node("decision"))).Status == HttpStatusCode.Created),
            "the new client CA was never trusted");
        Assert.Equal(HttpStatusCode.Unauthorized, (await HostApi.PostAsync(fromOldCa, "/reason/node", HostApi.Node("decision"))).Status);
    }

    /// <summary>The thumbprint of the certificate the server presents to a new connection.</summary>
    private async Task<string?> PresentedThumbprintAsync()
    {
        string? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.Thumbprint;
                return true; // loopback, test certificates: what is presented is the subject here
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = _host.Address };
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        return presented;
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
