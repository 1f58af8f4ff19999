using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Internal;
using static ReasoningGraph.Storage.Postgres.Internal.InsertCommands;

namespace ReasoningGraph.Storage.Postgres;

public sealed partial class PostgresGraphStore
{
    /// <inheritdoc/>
    /// <remarks>One statement: the three tables probed with <c>id = ANY(@ids)</c> on their primary keys; items newer than <paramref name="asOf"/> are dropped here.</remarks>
    public async Task<IReadOnlyList<GraphItem>> GetItemsAsync(IReadOnlyCollection<Guid> ids, long asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var items = await _db.QueryAtAsync(asOf, _db.Sql.ItemsById, ItemReader.Read, cancellationToken, P("ids", ids.ToArray())).ConfigureAwait(false);
        return asOf == long.MaxValue ? items : items.Where(item => item.Seq <= asOf).ToList();
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One statement for the whole frontier (<c>= ANY(@frontier)</c> on the <c>(graph_id, from_id|to_id, seq)</c>
    /// index): the matching edges, then each far-end node once.
    /// </remarks>
    public async Task<FrontierResult> GetFrontierAsync(FrontierRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.NodeIds.Count == 0 || request.EdgeTypes is { Count: 0 })
        {
            return FrontierResult.Empty;
        }

        var sql = _db.Sql.Frontier(request.Direction, request.EdgeTypes is not null, request.MinWeight is not null, request.MinFarNodeConfidence is not null);
        var items = await _db.QueryAtAsync(request.AsOf, sql, ItemReader.Read, cancellationToken, ReadParameters.Frontier(request)).ConfigureAwait(false);
        return new FrontierResult(items.OfType<ReasoningEdge>().ToList(), items.OfType<ReasoningNode>().ToList());
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One statement: a recursive CTE computes the closure's ids server side (the filters inside its join, so it
    /// follows exactly the edges a frontier returns; stopped after <paramref name="maxNodes"/> + 1 ids), then the
    /// frontier of all of them as in <see cref="GetFrontierAsync"/>.
    /// </remarks>
    public async Task<FrontierResult?> GetClosureAsync(FrontierRequest request, int maxNodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNodes);
        if (request.NodeIds.Count == 0 || request.EdgeTypes is { Count: 0 })
        {
            return FrontierResult.Empty;
        }

        if (request.NodeIds.Count > maxNodes)
        {
            return null;
        }

        var sql = _db.Sql.Closure(request.Direction, request.EdgeTypes is not null, request.MinWeight is not null, request.MinFarNodeConfidence is not null);
        var items = await _db.QueryAtAsync(request.AsOf, sql, r => r.GetInt32(ItemShape.Kind) == 0 ? null : ItemReader.Read(r), cancellationToken, [.. ReadParameters.Frontier(request), P("cap", maxNodes)])
            .ConfigureAwait(false);
        return items.Contains(null) ? null : new FrontierResult(items.OfType<ReasoningEdge>().ToList(), items.OfType<ReasoningNode>().ToList());
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ReasoningAnnotation>> GetAnnotationsAsync(IReadOnlyCollection<Guid> targetIds, long asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        if (targetIds.Count == 0)
        {
            return [];
        }

        return await _db.QueryAtAsync(asOf, _db.Sql.AnnotationsByTarget, ItemReader.ReadAnnotation, cancellationToken, P("ids", targetIds.ToArray()), P("as_of", asOf))
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Keyset on seq with the filters in SQL: type and author with <c>= ANY</c>, tags with jsonb containment
    /// (GIN index on <c>metadata-&gt;'tags'</c>), time range on <c>created_at</c>, confidence on its own column.
    /// </remarks>
    public async Task<IReadOnlyList<ReasoningNode>> QueryNodesAsync(NodeFilter filter, long afterSeq, long asOf, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (ReadParameters.NodeQuery(filter, afterSeq, asOf, limit) is not { } statement)
        {
            return [];
        }

        return await _db.QueryAtAsync(asOf, _db.Sql.QueryNodes(statement.Conditions), ItemReader.ReadNode, cancellationToken, statement.Parameters).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>One statement (one snapshot), streamed row by row in seq order.</remarks>
    public IAsyncEnumerable<GraphItem> ReadAllAsync(long afterSeq, long asOf, CancellationToken cancellationToken = default) =>
        _db.StreamAsync(_db.Sql.ItemsBySeq, [P("g", GraphId), P("after", afterSeq), P("as_of", asOf)], ItemReader.Read, cancellationToken);
}
