using System.Net;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// A Development host on a fresh data directory, a client acting as the development principal <c>kernel</c>, and two
/// stored nodes (<see cref="A"/>, an observation; <see cref="B"/>, a decision) for bodies that must reference something.
/// </summary>
internal sealed class SeededDevHost : IAsyncDisposable
{
    private readonly DirectoryInfo _data;

    private SeededDevHost(DirectoryInfo data, RunningHost host, HttpClient client, string a, string b)
    {
        _data = data;
        Host = host;
        Client = client;
        A = a;
        B = b;
    }

    public RunningHost Host { get; }

    public HttpClient Client { get; }

    public string A { get; }

    public string B { get; }

    public static async Task<SeededDevHost> StartAsync(string dataPrefix)
    {
        var data = Directory.CreateTempSubdirectory(dataPrefix);
        var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = data.FullName,
        });
        var client = host.Client(devPrincipal: "kernel");
        string a = Guid.NewGuid().ToString(), b = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/nodes", new { nodes = new[] { HostApi.Node("observation", a), HostApi.Node("decision", b) } })).Status);
        return new SeededDevHost(data, host, client, a, b);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        _data.Delete(recursive: true);
    }
}
