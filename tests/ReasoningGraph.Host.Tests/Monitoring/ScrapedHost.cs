using System.Net;
using ReasoningGraph.Host.Tests.Http;

namespace ReasoningGraph.Host.Tests.Monitoring;

/// <summary>
/// The service as deployed (its own process, HTTPS with client certificates, a remote signing proxy, the embedded
/// store chosen explicitly) after a little
/// of everything — writes, ordered traces read twice (a cache hit), a snapshot, a snapshot refused while the signer
/// was down (a 5xx) — scraped every second by a real Prometheus that loads deploy/monitoring/alerts.yml.
/// </summary>
public sealed class ScrapedHost : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-monitoring-");
    private TestCertificates _pki = null!;
    private HostProcess _host = null!;
    private HostProcess _readOnly = null!;

    internal SwitchableSigningProxy SigningProxy { get; private set; } = null!;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    internal HttpClient Kernel { get; private set; } = null!;

    /// <summary>A node every test may take a snapshot of.</summary>
    public string Root { get; } = Guid.NewGuid().ToString();

    public async Task InitializeAsync()
    {
        // Both tools first: a missing one fails every test of the class with its package named.
        MonitoringTools.Require("prometheus");
        _pki = new TestCertificates(_directory);
        SigningProxy = await SwitchableSigningProxy.StartAsync();
        var settings = _pki.ProductionMtlsSettings();
        settings.Remove("environment");
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["DATA_DIR"] = Path.Combine(_directory.FullName, "data");
        settings["SIGNING_PROXY_URL"] = SigningProxy.Url.ToString().TrimEnd('/');
        settings["SIGNING_PROXY_KEY_ID"] = SwitchableSigningProxy.SignerId;
        settings["SIGNER_REGISTRY_PATH"] = await SigningProxy.WriteRegistryAsync(_directory.FullName);
        _host = await HostProcess.StartAsync(settings, _pki.Server);
        Kernel = _host.Client(_pki.Client("kernel"));
        await ProduceTrafficAsync();
        settings["DATA_DIR"] = Path.Combine(_directory.FullName, "read-only-data");
        settings["READ_ONLY"] = "true";
        _readOnly = await HostProcess.StartAsync(settings, _pki.Server);
        using (var kernel = _readOnly.Client(_pki.Client("kernel")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HostApi.PostAsync(kernel, "/reason/node", HostApi.Node("observation"))).Status);
        }

        var prometheus = Directory.CreateDirectory(Path.Combine(_directory.FullName, "prometheus"));
        Prometheus = await PrometheusServer.StartAsync(prometheus, [_host.Address, _readOnly.Address], _pki.CaFile, MonitoringFiles.Rules, MonitoringFiles.Job);
        await Prometheus.WaitForScrapesAsync(MonitoringFiles.Job, targets: 2, scrapes: 3);
        await Prometheus.WaitForRuleEvaluationAsync();
    }

    /// <summary>The host's <c>/metrics</c> now, as a scraper reads it (no credential).</summary>
    public async Task<string> MetricsAsync()
    {
        using var scraper = _host.Client();
        return await scraper.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    public async Task DisposeAsync()
    {
        // Each part stopped even when an earlier one failed to start.
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        Kernel?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_readOnly is not null)
        {
            await _readOnly.DisposeAsync();
        }

        if (SigningProxy is not null)
        {
            await SigningProxy.DisposeAsync();
        }
    }

    /// <summary>After <see cref="DisposeAsync"/>: the certificates and the directory (Prometheus's storage in it).</summary>
    public void Dispose()
    {
        _pki?.Dispose();
        _directory.Delete(recursive: true);
    }

    private async Task ProduceTrafficAsync()
    {
        string next = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(Kernel, "/reason/node", HostApi.Node("observation", Root))).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(Kernel, "/reason/node", HostApi.Node("decision", next))).Status);
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(Kernel, "/reason/edge", new { from = Root, to = next, type = "causal" })).Status);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(Kernel, "/reason/traces/" + next)).Status);
        }

        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(Kernel, "/reason/snapshot", new { rootNodeIds = new[] { Root } })).Status);

        // A snapshot during a signer outage stays pending (never published unsigned); the signer back, another is signed.
        SigningProxy.Up = false;
        Assert.NotEqual(HttpStatusCode.Created, (await HostApi.PostAsync(Kernel, "/reason/snapshot", new { rootNodeIds = new[] { next } })).Status);
        SigningProxy.Up = true;
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(Kernel, "/reason/snapshot", new { rootNodeIds = new[] { Root, next } })).Status);
    }
}
