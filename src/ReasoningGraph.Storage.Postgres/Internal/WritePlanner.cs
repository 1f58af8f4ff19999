using ReasoningGraph.Audit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Model;

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
    public (GraphItem[] Items, List<GraphItem> Created, List<string> EntityHashes) Plan(
        IReadOnlyList<GraphItemInput> inputs, long indexOffset, Dictionary<Guid, GraphItem> stored, DateTimeOffset now)
    {
        var items = new GraphItem[inputs.Count];
        var created = new List<GraphItem>(inputs.Count);
        var hashes = new List<string>(inputs.Count);
        long seq = MaxSeq;
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            long index = indexOffset + i;
            var id = input.Id!.Value;
            if (stored.TryGetValue(id, out var existing))
            {
                items[i] = Canonical(() => GraphContent.IsSameContent(input, existing), index, id) ? existing : throw StoreErrors.Conflict(id, index);
                continue;
            }

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

            var item = input.ToItem(++seq, now);
            hashes.Add(Canonical(() => AuditChain.EntityHash(item), index, id));
            items[i] = item;
            stored[id] = item;
            created.Add(item);
        }

        MaxSeq = seq;
        return (items, created, hashes);
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
            throw StoreErrors.InvalidPayload("payload", index, id, $"The item cannot be canonicalized ({e.Reason}), so it cannot be hashed and audited.");
        }
    }

    private static void Require(Dictionary<Guid, GraphItem> stored, Guid id, GraphItemKind kind, string field, long index)
    {
        if (!stored.TryGetValue(id, out var found) || found.Kind != kind)
        {
            throw StoreErrors.NotFound(field, id, index, kind == GraphItemKind.Node ? "node" : "edge");
        }
    }
}
