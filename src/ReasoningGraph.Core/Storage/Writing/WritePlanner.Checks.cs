using ReasoningGraph.Canonicalization;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Writing;

public sealed partial class WritePlanner
{
    /// <summary>Large writes are hashed on all cores; below this many items one thread is faster.</summary>
    private const int ParallelHashThreshold = 64;

    /// <summary>
    /// Null when a replay is the same write, else its <c>CONFLICT</c>; with hashing, JSON that cannot be canonicalized
    /// is <c>INVALID_PAYLOAD</c>, without it the <c>CanonicalizationException</c> is thrown as is.
    /// </summary>
    private ReasoningGraphException? CompareReplay(GraphItemInput input, GraphItem existing, long index, Guid id)
    {
        bool same;
        if (_options.HashEntities)
        {
            try
            {
                same = GraphContent.IsSameContent(input, existing);
            }
            catch (CanonicalizationException e)
            {
                return Unhashable(e, index, id);
            }
        }
        else
        {
            same = GraphContent.IsSameContent(input, existing);
        }

        return same ? null : GraphErrors.Conflict(id, index, $"An item with id {id} already exists with different content or as another kind.");
    }

    /// <summary>The store's check, then the references: the first problem of a new input, or null.</summary>
    private ReasoningGraphException? Check<TStored>(GraphItemInput input, long index, TStored stored)
        where TStored : IStoredItems
    {
        if (_options.CheckInput is { } check && CheckInput(check, input, index) is { } rejected)
        {
            return rejected;
        }

        switch (input)
        {
            case EdgeInput edge:
                return Missing(stored, edge.From, GraphItemKind.Node, "from", index) ?? Missing(stored, edge.To, GraphItemKind.Node, "to", index);
            case AnnotationInput annotation:
                var kind = annotation.TargetType == AnnotationTargetType.Edge ? GraphItemKind.Edge : GraphItemKind.Node;
                return Missing(stored, annotation.TargetId, kind, "targetId", index);
            default:
                return null;
        }
    }

    private static ReasoningGraphException? CheckInput(Action<GraphItemInput, long> check, GraphItemInput input, long index)
    {
        try
        {
            check(input, index);
            return null;
        }
        catch (ReasoningGraphException e)
        {
            return e;
        }
    }

    private ReasoningGraphException? Missing<TStored>(TStored stored, Guid id, GraphItemKind kind, string field, long index)
        where TStored : IStoredItems
    {
        var found = _planned?.GetValueOrDefault(id) ?? stored.Find(id);
        if (found?.Kind == kind)
        {
            return null;
        }

        string what = kind == GraphItemKind.Node ? "node" : "edge";
        return GraphErrors.NotFound(field, id, index, $"{field}: no {what} with id {id} exists in the store or earlier in the batch.");
    }

    /// <summary>
    /// The entity hash of each of the first <paramref name="count"/> created items (in parallel for large writes). If
    /// one cannot be hashed, the earliest such item's <c>INVALID_PAYLOAD</c> is thrown: it comes before the input
    /// that stopped the checks, if any, so its error is the first bad input's.
    /// </summary>
    private static string[] HashCreated(IReadOnlyList<GraphItemInput> inputs, IReadOnlyList<GraphItem> created, int count, List<int> positions, long indexOffset)
    {
        // A batch the service validated carries its members' canonical bytes, so payloads are not canonicalized again.
        var batch = inputs as GraphBatch;
        var hashes = new string[count];
        var failed = count < ParallelHashThreshold ? null : new bool[count];
        if (failed is null)
        {
            for (int i = 0; i < count; i++)
            {
                hashes[i] = HashOf(created[i], batch?.MembersAt(positions[i]) ?? default, indexOffset + positions[i]);
            }

            return hashes;
        }

        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                hashes[i] = EntityHash.Of(created[i], batch?.MembersAt(positions[i]) ?? default);
            }
            catch (CanonicalizationException)
            {
                failed[i] = true;
            }
        });
        int first = Array.IndexOf(failed, true);
        if (first >= 0)
        {
            // Hashed again on this thread, which throws the error naming the input.
            HashOf(created[first], default, indexOffset + positions[first]);
        }

        return hashes;
    }

    private static string HashOf(GraphItem item, CanonicalMembers members, long index)
    {
        try
        {
            return EntityHash.Of(item, members);
        }
        catch (CanonicalizationException e)
        {
            throw Unhashable(e, index, item.Id);
        }
    }

    /// <summary>JSON that cannot be canonicalized cannot be hashed, so not audited: <c>INVALID_PAYLOAD</c> naming the input.</summary>
    private static ReasoningGraphException Unhashable(CanonicalizationException e, long index, Guid id) =>
        GraphErrors.InvalidPayload("payload", $"The item cannot be canonicalized ({e.Reason}), so it cannot be hashed and audited.", index, id);
}
