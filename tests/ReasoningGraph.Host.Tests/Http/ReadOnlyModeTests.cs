using System.Net;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// <c>READ_ONLY=true</c> over real HTTP: every write endpoint answers 503 <c>READ_ONLY</c> and writes nothing, every
/// read goes on, and <c>/health</c> says so — the runbook's "mark service as read-only; reject write requests".
/// </summary>
public sealed class ReadOnlyModeTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-readonly-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task Writes_AreRefusedWithReadOnly_ReadsGoOn()
    {
        string a = Guid.NewGuid().ToString();
        await using (var writable = await StartAsync(readOnly: false))
        {
            using var client = writable.Client(devPrincipal: "kernel");
            Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", a))).Status);
        }

        await using var host = await StartAsync(readOnly: true);
        using var kernel = host.Client(devPrincipal: "kernel");
        string b = Guid.NewGuid().ToString();
        var writes = new (string Path, object Body)[]
        {
            ("/reason/node", HostApi.Node("decision", b)),
            ("/reason/nodes", new { nodes = new[] { HostApi.Node("decision", b) } }),
            ("/reason/edge", new { from = a, to = a, type = "causal" }),
            ("/reason/edges", new { edges = new[] { new { from = a, to = a, type = "causal" } } }),
            ($"/reason/node/{a}/annotations", new { annotationType = "note", author = "kernel", payload = new { } }),
            ($"/reason/annotate/{a}", new { annotationType = "note", author = "kernel", payload = new { } }),
            ("/reason/snapshot", new { rootNodeIds = new[] { a } }),
        };

        foreach (var (path, body) in writes)
        {
            var (status, answer) = await HostApi.PostAsync(kernel, path, body);
            Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)status}");
            Assert.Equal("READ_ONLY", HostApi.ErrorCode(answer));
        }

        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(kernel, $"/reason/node/{a}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await HostApi.GetAsync(kernel, $"/reason/traces/{a}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await HostApi.GetAsync(kernel, $"/reason/node/{b}")).Status);
        var (_, health) = await HostApi.GetAsync(kernel, "/health");
        Assert.True(health.GetProperty("readOnly").GetBoolean());
    }

    private Task<RunningHost> StartAsync(bool readOnly) => RunningHost.StartAsync(new Dictionary<string, string>
    {
        ["environment"] = "Development",
        ["ALLOW_DEV_PRINCIPAL"] = "true",
        ["DATA_DIR"] = _data.FullName,
        ["READ_ONLY"] = readOnly ? "true" : "false",
    });
}
