using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.InMemory;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Snapshots;

public sealed class SnapshotRegistrationTests
{
    [Fact]
    public async Task AddReasoningGraph_RegistersTheSnapshotService_OverTheGraphItServes()
    {
        var signer = new FakeDigestSigner();
        var services = new ServiceCollection();
        services.AddSingleton<IDigestSigner>(signer);
        services.AddSingleton<IDigestVerifier>(signer);
        services.AddReasoningGraph();
        services.AddReasoningGraph();
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<IReasoningGraph>();
        await graph.AppendNodeAsync(Node(Id(1)));
        var snapshots = provider.GetRequiredService<SnapshotService>();
        Assert.IsType<InMemorySnapshotStore>(provider.GetRequiredService<ISnapshotStore>());
        var snapshot = await snapshots.CreateAsync(new SnapshotRequest { RootIds = [Id(1)] });
        Assert.True(new SnapshotVerifier(signer).Verify(snapshot.Document.Span).IsVerified);
        Assert.Same(snapshot, await provider.GetRequiredService<SnapshotService>().GetAsync(snapshot.Id));
    }
}
