using System.Diagnostics;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.Indexed;
using ReasoningGraph.Errors;
using ReasoningGraph.Primitives;
using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>Serves walk pages: normalizes and binds the query, verifies cursors, resumes cached walks.</summary>
internal sealed class GraphTraverser(IReasoningGraphStore store, GraphLimits options, CursorProtector cursors, TimeProvider timeProvider)
{
    private readonly WalkCache _cache = new(options.TraversalCacheCapacity, options.TraversalCacheExpiry, timeProvider);

    public async Task<TraversalPage> TraceAsync(Guid root, TraversalDirection direction, TraversalOptions? request, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using var activity = ReasoningGraphDiagnostics.StartTraversal("traverse", root);
        request ??= new TraversalOptions();
        int pageSize = request.PageSize ?? options.DefaultPageSize;
        if (pageSize < 1 || pageSize > options.MaxPageSize)
        {
            throw GraphErrors.InvalidPayload("pageSize", $"pageSize must be between 1 and {options.MaxPageSize}.");
        }

        var (query, position) = await BindAsync(root, direction, request, cancellationToken).ConfigureAwait(false);
        var state = _cache.GetOrAdd(query, CreateWalk);
        TraversalPage page;
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!state.IsInitialized)
            {
                try
                {
                    await state.InitializeAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    _cache.Remove(state);
                    throw;
                }
            }

            var (steps, edges, cycle, hasMore) = await state.GetPageAsync(position, pageSize, cancellationToken).ConfigureAwait(false);
            page = new TraversalPage
            {
                Root = root, Direction = direction, Steps = steps, Edges = edges, CycleDetected = cycle, AsOf = query.AsOf,
                NextCursor = hasMore ? new WalkCursor(query.Digest, query.AsOf, position + steps.Count).Encode(cursors) : null,
            };
        }
        finally
        {
            state.Gate.Release();
        }

        activity?.SetTag("reasoning_graph.nodes", page.Steps.Count);
        ReasoningGraphDiagnostics.RecordTraceLatency(started, "traverse");
        return page;
    }

    private IWalk CreateWalk(WalkQuery query) => Walks.Create(store, query);

    private async Task<(WalkQuery Query, int Position)> BindAsync(Guid root, TraversalDirection direction, TraversalOptions request, CancellationToken cancellationToken)
    {
        if (direction is not (TraversalDirection.Ancestors or TraversalDirection.Descendants))
        {
            throw GraphErrors.InvalidPayload("direction", "direction must be 'ancestors' or 'descendants'.");
        }

        if (request.Order is not (TraversalOrder.BreadthFirst or TraversalOrder.DepthFirst))
        {
            throw GraphErrors.InvalidPayload("order", "order must be 'bfs' or 'dfs'.");
        }

        int depth = request.Depth ?? 1;
        if (depth < 0)
        {
            throw GraphErrors.InvalidPayload("depth", "depth must not be negative.");
        }

        RequireFinite(request.MinWeight, "minWeight");
        RequireFinite(request.MinConfidence, "minConfidence");
        if (request.EdgeTypes?.Any(string.IsNullOrEmpty) == true)
        {
            throw GraphErrors.InvalidPayload("edgeTypes", "edgeTypes must not contain empty types.");
        }

        string[]? types = request.EdgeTypes is { Count: > 0 } t ? [.. t.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : null;
        if (request.AsOf is < 0)
        {
            throw GraphErrors.InvalidPayload("asOf", "asOf must not be negative.");
        }

        WalkQuery Query(long asOf) => new(root, direction, Math.Min(depth, options.MaxTraversalDepth), request.Order, types, request.MinWeight, request.MinConfidence, asOf);
        if (request.Cursor is { } token)
        {
            var cursor = WalkCursor.Decode(cursors, token);
            if (request.AsOf is { } asOf && asOf != cursor.AsOf)
            {
                throw GraphErrors.InvalidCursor("query-mismatch");
            }

            var bound = Query(cursor.AsOf);
            return bound.Digest == cursor.Digest ? (bound, cursor.Position) : throw GraphErrors.InvalidCursor("query-mismatch");
        }

        long max = await store.GetMaxSeqAsync(cancellationToken).ConfigureAwait(false);
        return (Query(Math.Min(request.AsOf ?? max, max)), 0);
    }

    private static void RequireFinite(double? value, string field)
    {
        if (value is { } v && !double.IsFinite(v))
        {
            throw GraphErrors.InvalidPayload(field, $"{field} must be a finite number.");
        }
    }
}
