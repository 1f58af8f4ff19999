using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReasoningGraph.Model;
using ReasoningGraph.Policy;
using ReasoningGraph.Querying;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Service;

public sealed class ServiceTests
{
    internal sealed class DenyDecisions : IWritePolicy
    {
        public ValueTask<WritePolicyDecision> EvaluateAsync(GraphBatch batch, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(batch.OfType<NodeInput>().Any(n => n.Type == "decision")
                ? WritePolicyDecision.Deny("policy-7", "decisions need a manifest")
                : WritePolicyDecision.Allow);
    }

    [Fact]
    public async Task AddReasoningGraph_TwiceRegistersOnceAndUsesTheInMemoryStoreByDefault()
    {
        var services = new ServiceCollection();
        services.AddReasoningGraph(o => o.MaxPageSize = 500);
        services.AddReasoningGraph(o => o.DefaultPageSize = 50);
        Assert.Single(services, d => d.ServiceType == typeof(IReasoningGraph));
        Assert.Single(services, d => d.ServiceType == typeof(IReasoningGraphStore));
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var graph = provider.GetRequiredService<IReasoningGraph>();
        Assert.Same(graph, provider.GetRequiredService<ReasoningGraphService>());
        Assert.IsType<InMemoryGraphStore>(provider.GetRequiredService<IReasoningGraphStore>());
        var options = provider.GetRequiredService<IOptions<ReasoningGraphOptions>>().Value;
        Assert.Equal((500, 50), (options.MaxPageSize, options.DefaultPageSize));
        var node = await graph.AppendNodeAsync(Node());
        Assert.Equal(node.Id, (await graph.GetNodeAsync(node.Id)).Id);
    }

    [Fact]
    public void InvalidOptions_FailAtStartupListingEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddReasoningGraph(o =>
        {
            o.NodeTypes.Clear();
            o.MaxPayloadBytes = 0;
            o.CursorKey = new byte[3];
        });
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IReasoningGraph>());
        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("NodeTypes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxPayloadBytes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("CursorKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseInMemoryStore_WithAJournal_SurvivesARestart()
    {
        var path = Path.Combine(Path.GetTempPath(), "rg-di-" + Guid.NewGuid() + ".jsonl");
        try
        {
            Guid id;
            await using (var first = new ServiceCollection().AddReasoningGraph().UseInMemoryStore(path).Services.BuildServiceProvider())
            {
                id = (await first.GetRequiredService<IReasoningGraph>().AppendNodeAsync(Node())).Id;
            }

            await using var second = new ServiceCollection().AddReasoningGraph().UseInMemoryStore(path).Services.BuildServiceProvider();
            Assert.Equal(id, (await second.GetRequiredService<IReasoningGraph>().GetNodeAsync(id)).Id);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WritePolicyDenial_IsForbiddenAndWritesNothing()
    {
        var services = new ServiceCollection();
        services.AddReasoningGraph().UseWritePolicy<DenyDecisions>();
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<IReasoningGraph>();
        await graph.AppendNodeAsync(Node());
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.AppendAsync([Node(), Node(type: "decision")]));
        Assert.Equal(ErrorCodes.Forbidden, error.ErrorCode);
        Assert.Equal("policy-7", error.Details["policyId"]);
        // Only the policyCheck node recording the denial was written (see PolicyCheckTests).
        Assert.Equal(2, await provider.GetRequiredService<IReasoningGraphStore>().GetMaxSeqAsync());
    }

    [Fact]
    public async Task GetNeighborhood_ReturnsIncomingAndOutgoingEdges()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1, 2, 3);
        await graph.EdgesAsync("1>2", "2>3", "2>2");
        var around = await graph.Service.GetNeighborhoodAsync(Id(2));
        Assert.Equal([Id(1), Id(2)], around.Incoming.Select(e => e.From));
        Assert.Equal([Id(2), Id(3)], around.Outgoing.Select(e => e.To));
        var missing = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.GetEdgeAsync(Id(2)));
        Assert.Equal(ErrorCodes.NotFound, missing.ErrorCode);
    }

    [Fact]
    public async Task Annotations_AreAppendOnlyAndListedPerTarget()
    {
        var graph = new TestGraph();
        await graph.NodesAsync(1);
        await graph.Service.AnnotateAsync(Note(Id(1), Id(50)));
        await graph.Service.AnnotateAsync(Note(Id(1), Id(51), type: "correction"));
        Assert.Equal([Id(50), Id(51)], (await graph.Service.GetAnnotationsAsync(Id(1))).Select(a => a.Id));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.Service.AnnotateAsync(Note(Id(1), Id(50), type: "correction")));
        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
    }

    [Fact]
    public async Task Query_PagesThroughMatchesWithAuthenticatedCursorsAndAPinnedAsOf()
    {
        var graph = new TestGraph();
        for (int i = 1; i <= 7; i++)
        {
            await graph.Service.AppendNodeAsync(Node(Id(i), i % 2 == 0 ? "decision" : "observation", metadata: "{\"tags\":[\"t\"]}"));
        }

        var filter = new NodeFilter { Types = ["observation"], Tags = ["t"] };
        var first = await graph.Service.QueryAsync(new NodeQuery { Filter = filter, PageSize = 2 });
        await graph.Service.AppendNodeAsync(Node(Id(9), metadata: "{\"tags\":[\"t\"]}"));
        var second = await graph.Service.QueryAsync(new NodeQuery { Filter = filter, PageSize = 2, Cursor = first.NextCursor });
        Assert.Equal([Id(1), Id(3)], first.Items.Select(n => n.Id));
        Assert.Equal([Id(5), Id(7)], second.Items.Select(n => n.Id));
        Assert.Null(second.NextCursor);
    }
}
