using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Archive;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The host's background worker over real HTTP: snapshots left pending while the signing proxy is down are signed
/// once it is back and land in the filesystem archive under the data directory, byte for byte as served.
/// </summary>
public sealed class SnapshotWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-snapshot-worker-");
    private SwitchableSigningProxy _proxy = null!;
    private string _registry = null!;
    private RunningHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _proxy = await SwitchableSigningProxy.StartAsync();
        _registry = await _proxy.WriteRegistryAsync(_directory.FullName);
        var settings = SnapshotHostSettings.For(_directory, _proxy, _registry);
        settings["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0.2";
        settings["SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS"] = "1";
        settings["SNAPSHOT_WORKER_GRACE_SECONDS"] = "0";
        _host = await RunningHost.StartAsync(settings);
        _client = _host.Client(devPrincipal: "operator");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _proxy.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task SignerDown_Pending_SignerBack_WorkerSignsAndArchivesEvery()
    {
        string root = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(_client, "/reason/node", HostApi.Node("decision", root))).Status);
        _proxy.Up = false;
        var pendingIds = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var (status, body) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { root } });
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal("pending", body.GetProperty("status").GetString());
            pendingIds.Add(body.GetProperty("snapshotId").GetString()!);
        }

        // Several worker intervals with the signer down: still pending, nothing archived.
        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (string id in pendingIds)
        {
            Assert.Equal(HttpStatusCode.Conflict, (await HostApi.GetAsync(_client, "/reason/snapshot/" + id)).Status);
        }

        Assert.Empty(await ArchivedAsync());
        _proxy.Up = true;

        var verifier = new SnapshotVerifier(SignerRegistry.Load(_registry));
        foreach (string id in pendingIds)
        {
            byte[] served = await WaitForSignedAsync(id);
            Assert.True(verifier.Verify(served).IsVerified);
            byte[] archived = await WaitForArchivedAsync(id, served);
            Assert.Equal(served, archived);
        }

        var files = Directory.GetFiles(Path.Combine(_directory.FullName, "data", "archive"), "*.json");
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.True(new FileInfo(f).IsReadOnly));
    }

    [Fact]
    public async Task SnapshotSignedByARequest_IsArchived_AndReadyProbesTheArchive()
    {
        string root = Guid.NewGuid().ToString();
        await HostApi.PostAsync(_client, "/reason/node", HostApi.Node("decision", root));

        var (status, created) = await HostApi.PostAsync(_client, "/reason/snapshot", new { rootNodeIds = new[] { root } });
        var (readyStatus, ready) = await HostApi.GetAsync(_client, "/ready");

        Assert.Equal(HttpStatusCode.Created, status);
        string id = created.GetProperty("snapshotId").GetString()!;
        Assert.Equal(await WaitForSignedAsync(id), await WaitForArchivedAsync(id, null));
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("ok", ready.GetProperty("archive").GetString());
    }

    private async Task<List<ArchiveEntry>> ArchivedAsync()
    {
        var entries = new List<ArchiveEntry>();
        await foreach (var entry in _host.Services.GetRequiredService<ISnapshotArchive>().ListAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }

    private async Task<byte[]> WaitForSignedAsync(string id)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            using var response = await _client.GetAsync(new Uri("/reason/snapshot/" + id, UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
                return Encoding.UTF8.GetBytes(body.RootElement.GetProperty("snapshot").GetRawText());
            }

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"snapshot {id} was not signed within {Patience}");
            await Task.Delay(100);
        }
    }

    private async Task<byte[]> WaitForArchivedAsync(string id, byte[]? expected)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            if ((await ArchivedAsync()).FirstOrDefault(e => e.SnapshotId == id) is { } entry
                && await _host.Services.GetRequiredService<ISnapshotArchive>().GetAsync(id, entry.Hash) is { } document)
            {
                byte[] bytes = document.Document.ToArray();
                Assert.True(expected is null || bytes.AsSpan().SequenceEqual(expected));
                return bytes;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"snapshot {id} was not archived within {Patience}");
            await Task.Delay(100);
        }
    }
}
