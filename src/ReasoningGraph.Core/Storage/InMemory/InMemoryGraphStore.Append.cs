using ReasoningGraph.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.InMemory;

public sealed partial class InMemoryGraphStore
{
    /// <inheritdoc/>
    public Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = ReasoningGraphDiagnostics.StartStoreWrite(nameof(InMemoryGraphStore), batch.Count);
        lock (_writeLock)
        {
            var now = _timeProvider.GetUtcNow();
            var (items, created) = Plan(batch, now);
            if (created.Count > 0)
            {
                _journal?.Append(created);
                Apply(created);
            }

            activity?.SetTag("reasoning_graph.created", created.Count);
            return Task.FromResult(new AppendResult(items, created));
        }
    }

    /// <summary>Applies a batch read back from the journal (times kept, nothing re-journaled).</summary>
    private void ReplayBatch(GraphBatch batch)
    {
        var (_, created) = Plan(batch, _timeProvider.GetUtcNow());
        Apply(created);
    }

    /// <summary>Checks the batch against the current state and builds the items to write; changes nothing.</summary>
    private (GraphItem[] Items, List<GraphItem> Created) Plan(GraphBatch batch, DateTimeOffset now)
    {
        var state = _state;
        var items = new GraphItem[batch.Count];
        var created = new List<GraphItem>(batch.Count);
        var local = new Dictionary<Guid, GraphItem>(batch.Count);
        int seq = state.MaxSeq;
        for (int i = 0; i < batch.Count; i++)
        {
            var input = batch[i];
            var id = input.Id ?? throw new ArgumentException($"The input at index {i} has no id; assign ids before appending.", nameof(batch));
            var existing = local.GetValueOrDefault(id) ?? Find(state, id);
            if (existing is not null)
            {
                items[i] = GraphContent.IsSameContent(input, existing)
                    ? existing
                    : throw GraphErrors.Conflict(id, i, $"An item with id {id} already exists with different content.");
                continue;
            }

            switch (input)
            {
                case EdgeInput edge:
                    RequireTarget(state, local, edge.From, GraphItemKind.Node, "from", i);
                    RequireTarget(state, local, edge.To, GraphItemKind.Node, "to", i);
                    break;
                case AnnotationInput annotation:
                    var kind = annotation.TargetType == AnnotationTargetType.Edge ? GraphItemKind.Edge : GraphItemKind.Node;
                    RequireTarget(state, local, annotation.TargetId, kind, "targetId", i);
                    break;
            }

            if (seq == int.MaxValue)
            {
                throw new InvalidOperationException("The in-memory store is full.");
            }

            var item = input.ToItem(++seq, now);
            items[i] = item;
            local[id] = item;
            created.Add(item);
        }

        return (items, created);
    }

    private static GraphItem? Find(StoreState state, Guid id)
    {
        int seq = state.Ids.Get(id, state.MaxSeq, new ItemIdResolver(state));
        return seq == 0 ? null : Materialize(state, seq);
    }

    private static void RequireTarget(StoreState state, Dictionary<Guid, GraphItem> local, Guid id, GraphItemKind kind, string field, int index)
    {
        var found = local.GetValueOrDefault(id) ?? Find(state, id);
        if (found?.Kind != kind)
        {
            string what = kind == GraphItemKind.Node ? "node" : "edge";
            throw GraphErrors.NotFound(field, id, index, $"{field}: no {what} with id {id} exists in the store or earlier in the batch.");
        }
    }
}
