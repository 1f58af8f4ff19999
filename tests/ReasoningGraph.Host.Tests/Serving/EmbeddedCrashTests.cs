using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>
/// SIGKILL of the service during concurrent writes on the embedded store: after the torn tail (a write that was never
/// acknowledged) is repaired, the service starts again, every acknowledged item is there with its audit event, and
/// the chain verifies against the published signer registry.
/// </summary>
public sealed class EmbeddedCrashTests : IDisposable
{
    private const int Writers = 8;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-crash-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task KillDuringConcurrentWrites_LosesNoAcknowledgedItem_AndTheChainVerifies()
    {
        string keys = Path.Combine(_directory.FullName, "keys");
        string data = Path.Combine(_directory.FullName, "data");
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", keys, "--signer-id", "embedded-1"])).ExitCode);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = data,
            ["SIGNING_KEY_PATH"] = Path.Combine(keys, "signing-key.pem"),
            ["SIGNER_ID"] = "embedded-1",
        };

        var acknowledged = new ConcurrentBag<Guid>();
        await using (var service = ServiceProcess.Start("serve", environment))
        {
            (await service.WaitForHealthAsync()).Dispose();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(_ => WriteUntilRefusedAsync(service.Address, acknowledged, stop.Token)).ToArray();
            while (acknowledged.Count < 200)
            {
                await Task.Delay(20);
            }

            await service.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        var check = await CliProcess.RunAsync(["journal", "check", "--data-dir", data]);
        if (check.ExitCode == 1)
        {
            Assert.Equal(0, (await CliProcess.RunAsync(["journal", "repair", "--data-dir", data])).ExitCode);
        }
        else
        {
            Assert.True(check.ExitCode == 0, check.StandardError);
        }

        var verify = await CliProcess.RunAsync(["audit-verify", "--data-dir", data, "--signers", Path.Combine(keys, "signers.json")]);
        Assert.True(verify.ExitCode == 0, verify.StandardError + verify.StandardOutput);
        var items = JsonDocument.Parse(verify.StandardOutput).RootElement.GetProperty("items");
        Assert.True(items.GetProperty("checked").GetInt64() >= acknowledged.Count);
        Assert.Equal(items.GetProperty("checked").GetInt64(), items.GetProperty("events").GetInt64());

        await using (var restarted = ServiceProcess.Start("serve", environment))
        {
            Assert.Equal(HttpStatusCode.OK, (await restarted.WaitForHealthAsync()).StatusCode);
        }

        using var store = InMemoryGraphStore.OpenReadOnly(Path.Combine(data, "graph.journal"));
        var stored = new HashSet<Guid>();
        await foreach (var item in store.ReadAllAsync(0, long.MaxValue))
        {
            stored.Add(item.Id);
        }

        Assert.All(acknowledged, id => Assert.Contains(id, stored));
    }

    [Fact]
    public async Task ASnapshotTakenOverHttp_SurvivesARestart_AndItsEventIsOnTheVerifiedChain()
    {
        string keys = Path.Combine(_directory.FullName, "keys");
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", keys, "--signer-id", "embedded-1"])).ExitCode);
        var settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
            ["SIGNING_KEY_PATH"] = Path.Combine(keys, "signing-key.pem"),
            ["SIGNER_ID"] = "embedded-1",
            ["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "3600",
        };
        string root = Guid.NewGuid().ToString(), snapshotId, document;
        await using (var host = await Http.RunningHost.StartAsync(settings))
        {
            using var client = host.Client(devPrincipal: "kernel");
            Assert.Equal(HttpStatusCode.Created, (await Http.HostApi.PostAsync(client, "/reason/node", Http.HostApi.Node("decision", root))).Status);
            var (status, created) = await Http.HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { root } });
            Assert.Equal(HttpStatusCode.Created, status);
            snapshotId = created.GetProperty("snapshotId").GetString()!;
            document = (await Http.HostApi.GetAsync(client, $"/reason/snapshot/{snapshotId}")).Body.GetProperty("snapshot").GetRawText();
        }

        await using (var restarted = await Http.RunningHost.StartAsync(settings))
        {
            using var client = restarted.Client(devPrincipal: "kernel");
            var (status, fetched) = await Http.HostApi.GetAsync(client, $"/reason/snapshot/{snapshotId}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(document, fetched.GetProperty("snapshot").GetRawText());
        }

        var verify = await CliProcess.RunAsync(["audit-verify", "--data-dir", settings["DATA_DIR"], "--signers", Path.Combine(keys, "signers.json")]);
        Assert.True(verify.ExitCode == 0, verify.StandardError);
        Assert.Equal(2, JsonDocument.Parse(verify.StandardOutput).RootElement.GetProperty("verifiedCount").GetInt64());
    }

    /// <summary>Writes nodes with client ids until the service stops answering; records each acknowledged id.</summary>
    private static async Task WriteUntilRefusedAsync(Uri address, ConcurrentBag<Guid> acknowledged, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Local-Dev-Principal", "kernel");
        while (!stop.IsCancellationRequested)
        {
            var id = Guid.CreateVersion7();

            // Not cancelled by stop: a request in flight when the service dies must end on its own, acknowledged or not.
            try
            {
                using var response = await client.PostAsJsonAsync(new Uri("/reason/node", UriKind.Relative), new { id, type = "observation", author = "kernel", payload = new { n = 1 } }, CancellationToken.None);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    acknowledged.Add(id);
                }
            }
            catch (HttpRequestException)
            {
                return; // the service is gone
            }
        }
    }
}
