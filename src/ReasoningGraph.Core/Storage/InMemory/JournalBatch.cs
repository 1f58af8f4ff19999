using ReasoningGraph.Audit;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>One committed batch read back from the journal: items, their audit events, snapshot records, stored checkpoints.</summary>
internal sealed class JournalBatch
{
    public GraphBatch Items { get; } = new();

    public List<AuditEvent> Events { get; } = [];

    public List<SnapshotLine.Record> Snapshots { get; } = [];

    public List<StoredCheckpoint> Checkpoints { get; } = [];

    public bool IsEmpty => Items.Count == 0 && Events.Count == 0 && Snapshots.Count == 0 && Checkpoints.Count == 0;
}
