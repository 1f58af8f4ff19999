using ReasoningGraph.Canonicalization;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Writing;

public sealed partial class WritePlanner
{
    /// <summary>Large writes are hashed on all cores; below this many items one thread is faster.</summary>
    private const int ParallelHashThreshold = 64;

    private static ReasoningGraphException Conflict(Guid id, long index) =>
        GraphErrors.Conflict(id, index, $"An item with id {id} already exists with different content or as another kind.");

    /// <summary>Whether a replay is the same write; in its own method, so the lambda of the audited case allocates nothing in the other.</summary>
    private bool SameContent(GraphItemInput input, GraphItem existing, long index, Guid id) =>
        _options.HashEntities ? SameContentAudited(input, existing, index, id) : GraphContent.IsSameContent(input, existing);

    private static bool SameContentAudited(GraphItemInput input, GraphItem existing, long index, Guid id) =>
        Canonical(() => GraphContent.IsSameContent(input, existing), index, id);

    private void CheckReferences<TStored>(GraphItemInput input, long index, TStored stored)
        where TStored : IStoredItems
    {
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

    private void Require<TStored>(TStored stored, Guid id, GraphItemKind kind, string field, long index)
        where TStored : IStoredItems
    {
        var found = _planned?.GetValueOrDefault(id) ?? stored.Find(id);
        if (found?.Kind != kind)
        {
            string what = kind == GraphItemKind.Node ? "node" : "edge";
            throw GraphErrors.NotFound(field, id, index, $"{field}: no {what} with id {id} exists in the store or earlier in the batch.");
        }
    }

    /// <summary>
    /// The entity hash of each of the first <paramref name="count"/> created items (in parallel for large writes). If
    /// one cannot be hashed, the earliest such item's <c>INVALID_PAYLOAD</c> is thrown: it comes before the input
    /// that stopped the checks, if any, so its error is the first bad input's.
    /// </summary>
    private static string[] HashCreated(IReadOnlyList<GraphItem> created, int count, List<int> positions, long indexOffset)
    {
        var hashes = new string[count];
        int first = -1;
        if (count < ParallelHashThreshold)
        {
            for (int i = 0; i < count && first < 0; i++)
            {
                try
                {
                    hashes[i] = EntityHash.Of(created[i]);
                }
                catch (CanonicalizationException)
                {
                    first = i;
                }
            }
        }
        else
        {
            var failed = new bool[count];
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                try
                {
                    hashes[i] = EntityHash.Of(created[i]);
                }
                catch (CanonicalizationException)
                {
                    failed[i] = true;
                }
            });
            first = Array.IndexOf(failed, true);
        }

        if (first >= 0)
        {
            // Hashed again on this thread, which throws INVALID_PAYLOAD naming the input.
            _ = Canonical(() => EntityHash.Of(created[first]), indexOffset + positions[first], created[first].Id);
        }

        return hashes;
    }

    /// <summary>Runs a canonicalization; JSON that cannot be canonicalized cannot be hashed or audited: <c>INVALID_PAYLOAD</c>.</summary>
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
}
