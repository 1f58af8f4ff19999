using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>A test graph with a snapshot service over an in-memory snapshot store (audit events signed by a separate fake key).</summary>
internal sealed class SnapshotFixture
{
    public SnapshotFixture(IDigestSigner? signer = null, ISnapshotRedactor? redactor = null, SnapshotServiceOptions? options = null)
    {
        Signer = signer ?? new FakeDigestSigner();
        Snapshots = new InMemorySnapshotStore(AuditSigner, Graph.Time);
        Service = new SnapshotService(Graph.Store, Snapshots, Signer, Signer as IDigestVerifier, redactor, options, Graph.Time);
    }

    public TestGraph Graph { get; } = new();

    public FakeDigestSigner AuditSigner { get; } = new() { SignerId = "audit-1" };

    public IDigestSigner Signer { get; }

    public InMemorySnapshotStore Snapshots { get; }

    public SnapshotService Service { get; }

    /// <summary>A chain 1→2→3→4→5 with a note on node 2 and one on edge 3→4.</summary>
    public async Task<SnapshotFixture> WithChainAsync()
    {
        await Graph.NodesAsync(1, 2, 3, 4, 5);
        await Graph.EdgesAsync("1>2", "2>3", "3>4", "4>5");
        await Graph.Service.AppendAsync([
            Items.Note(Items.Id(2), Items.Id(900)),
            Items.Note(Items.Id(3004), Items.Id(901), targetType: ReasoningGraph.Model.AnnotationTargetType.Edge),
        ]);
        return this;
    }
}
