using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.LoadHarness;

namespace ReasoningGraph.Host.Tests.Load;

/// <summary>A short run of the load harness against the real service in-process (embedded store), so the harness cannot rot.</summary>
public sealed class LoadHarnessRunTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-load-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task TwoSecondRun_SeedsTheClosure_SendsEveryScheduledRequest_AndAllSucceed()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = _data.FullName,
        });
        var options = LoadOptions.Parse(
            ["--url", host.Address.ToString(), "--duration", "1", "--warmup", "0.2", "--nodes", "40", "--traces-rate", "40", "--writes-rate", "100", "--connections", "16"]);
        using var log = new StringWriter();

        var results = await LoadRun.RunAsync(options, log, CancellationToken.None);

        Assert.Collection(
            results,
            traces =>
            {
                Assert.Equal("GET /reason/traces/{id} (40 nodes)", traces.Scenario);
                Assert.Equal(40, traces.Requests);
            },
            writes =>
            {
                Assert.Equal("POST /reason/node", writes.Scenario);
                Assert.Equal(100, writes.Requests);
            });
        Assert.All(results, r =>
        {
            Assert.Equal(0, r.ErrorCount);
            Assert.Equal(r.Requests, r.Succeeded);
            Assert.True(r.P50 > 0 && r.P50 <= r.P95 && r.P95 <= r.P99 && r.P99 <= r.Max, $"{r.P50} {r.P95} {r.P99} {r.Max}");
            Assert.True(r.AchievedRate > 0);
        });
        Assert.Contains("| POST /reason/node | 100 |", ScenarioResult.Table(results), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACredential_EveryRequestIsCountedAsAnError()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["DATA_DIR"] = _data.FullName,
        });
        var options = LoadOptions.Parse(["--url", host.Address.ToString(), "--scenarios", "writes", "--duration", "0.5", "--warmup", "0", "--writes-rate", "40", "--principal", ""]);

        var result = Assert.Single(await LoadRun.RunAsync(options, TextWriter.Null, CancellationToken.None));

        Assert.Equal(20, result.Requests);
        Assert.Equal(20, result.ErrorCount);
        Assert.Equal(new Dictionary<string, int> { ["HTTP 401"] = 20 }, result.Errors);
    }
}
