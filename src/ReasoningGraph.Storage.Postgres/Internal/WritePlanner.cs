using ReasoningGraph.Audit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Model;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Decides, for inputs checked against what the store already holds, which are idempotent replays, which are new
/// (with their seq and time), and which are conflicts or dangling references. Changes nothing; keeps the running
/// seq so an import can plan chunk after chunk.
/// </summary>
internal sealed class WritePlanner(long maxSeq)
{
    public long MaxSeq { get; private set; } = maxSeq;

    /// <summary>The ids a chunk needs looked up: its own (for idempotency) and the ones it references.</summary>
    public static Guid[] IdsToLookUp(IReadOnlyList<GraphItemInput> inputs, long indexOffset)
    {
        var ids = new HashSet<Guid>();
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            ids.Add(input.Id ?? throw new ArgumentException($"The input at index {indexOffset + i} has no id; assign ids before appending.", nameof(inputs)));
            switch (input)
            {
                case EdgeInput edge:
                    ids.Add(edge.From);
                    ids.Add(edge.To);
                    break;
                case AnnotationInput annotation:
                    ids.Add(annotation.TargetId);
                    break;
            }
        }

        return [.. ids];
    }

    /// <summary>Plans a chunk; throws <c>CONFLICT</c>, <c>NOT_FOUND</c> or <c>INVALID_PAYLOAD</c> naming the input.</summary>
    /// <param name="inputs">The inputs, in order.</param>
    /// <param name="indexOffset">The position of the first input in the whole batch or import.</param>
    /// <param name="stored">What the store holds for <see cref="IdsToLookUp"/>.</param>
    /// <param name="now">The store time for inputs that carry none.</param>
    /// <returns>The stored item of every input, and the created items with the hex SHA-256 of their canonical bytes.</returns>
    /// <remarks>
    /// The checks run in order; the entity hashes (a canonicalization each, the costly part) are computed afterwards
    /// on all cores. The error reported is still the one of the first bad input: a hash failure before the input
    /// that stopped the checks wins over that input's error.
    /// </remarks>
    public (GraphItem[] Items, List<GraphItem> Created, string[] EntityHashes) Plan(
        IReadOnlyList<GraphItemInput> inputs, long indexOffset, Dictionary<Guid, GraphItem> stored, DateTimeOffset now)
    {
        var items = new GraphItem[inputs.Count];
        var created = new List<GraphItem>(inputs.Count);
        var createdIndex = new List<long>(inputs.Count);
        ReasoningGraphException? stop = null;
        long seq = MaxSeq;
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            long index = indexOffset + i;
            var id = input.Id!.Value;
            try
            {
                if (stored.TryGetValue(id, out var existing))
                {
                    items[i] = Canonical(() => GraphContent.IsSameContent(input, existing), index, id) ? existing : throw GraphErrors.Conflict(id, index, $"An item with id {id} already exists with different content or as another kind.");
                    continue;
                }

                Check(input, index, stored);
            }
            catch (ReasoningGraphException e)
            {
                stop = e;
                break;
            }

            var item = input.ToItem(++seq, now);
            items[i] = item;
            stored[id] = item;
            created.Add(item);
            createdIndex.Add(index);
        }

        var hashes = EntityHashes(created, createdIndex);
        if (stop is not null)
        {
            throw stop;
        }

        MaxSeq = seq;
        return (items, created, hashes);
    }

    private static void Check(GraphItemInput input, long index, Dictionary<Guid, GraphItem> stored)
    {
        TextRules.Check(input, index);
        switch (input)
        {
            case EdgeInput edge:
                Require(stored, edge.From, GraphItemKind.Node, "from", index);
                Require(stored, edge.To, GraphItemKind.Node, "to", index);
                break;
            case AnnotationInput annotation:
                var kind = annotation.TargetType == AnnotationTargetType.Edge ? GraphItemKind.Edge : GraphItemKind.Node;
                Require(stored, annotation.TargetId, kind, "targetId", index);
                break;
        }
    }

    /// <summary>The entity hash of every created item, in parallel; throws the failure of the earliest item that cannot be hashed.</summary>
    private static string[] EntityHashes(List<GraphItem> created, List<long> createdIndex)
    {
        var hashes = new string[created.Count];
        var failed = new bool[created.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = created.Count < 64 ? 1 : Environment.ProcessorCount };
        Parallel.For(0, created.Count, parallel, i =>
        {
            try
            {
                hashes[i] = AuditChain.EntityHash(created[i]);
            }
            catch (CanonicalizationException)
            {
                failed[i] = true;
            }
        });
        int first = Array.IndexOf(failed, true);
        if (first >= 0)
        {
            // Hashed again on this thread, which throws INVALID_PAYLOAD naming the input.
            _ = Canonical(() => AuditChain.EntityHash(created[first]), createdIndex[first], created[first].Id);
        }

        return hashes;
    }

    /// <summary>Runs a canonicalization; JSON that cannot be hashed (so cannot be audited) is <c>INVALID_PAYLOAD</c>.</summary>
    private static T Canonical<T>(Func<T> canonicalize, long index, Guid id)
    {
        try
        {
            return canonicalize();
        }
        catch (CanonicalizationException e)
        {
            throw GraphErrors.InvalidPayload("payload", $"The item cannot be canonicalized ({e.Reason}), so it cannot be hashed and audited.", index, id);
        }
    }

    private static void Require(Dictionary<Guid, GraphItem> stored, Guid id, GraphItemKind kind, string field, long index)
    {
        if (!stored.TryGetValue(id, out var found) || found.Kind != kind)
        {
            string what = kind == GraphItemKind.Node ? "node" : "edge";
            throw GraphErrors.NotFound(field, id, index, $"{field}: no {what} with id {id} exists in the store or earlier in the batch.");
        }
    }
}
