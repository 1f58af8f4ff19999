using Microsoft.Extensions.Options;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Policy;
using ReasoningGraph.Querying;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tracing;
using ReasoningGraph.Traversal.Internal;
using ReasoningGraph.Primitives;

namespace ReasoningGraph;

/// <summary>The <see cref="IReasoningGraph"/> service: validates, applies the pre-write policy, and calls the store.</summary>
public sealed partial class ReasoningGraphService : IReasoningGraph
{
    private readonly IReasoningGraphStore _store;
    private readonly IWritePolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly GraphItemValidator _validator;
    private readonly GraphTraverser _traverser;
    private readonly CausalTraceBuilder _causalTraces;
    private readonly NodeQueryRunner _queries;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The settings; validated here (one error lists every problem).</param>
    /// <param name="store">Where the graph lives.</param>
    /// <param name="policy">The pre-write policy; allow-all when null.</param>
    /// <param name="timeProvider">The clock for generated ids and trace times; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public ReasoningGraphService(IOptions<ReasoningGraphOptions> options, IReasoningGraphStore store, IWritePolicy? policy = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var settings = options.Value;
        var problems = ReasoningGraphOptionsValidator.Check(settings);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ReasoningGraphOptions), problems);
        }

        _store = store;
        _policy = policy ?? new AllowAllWritePolicy();
        _timeProvider = timeProvider ?? TimeProvider.System;
        var limits = settings.ToLimits();
        _validator = new GraphItemValidator(limits);
        var cursors = new CursorProtector(settings.CursorKey);
        _traverser = new GraphTraverser(store, limits, cursors, _timeProvider);
        _causalTraces = new CausalTraceBuilder(store, limits, _timeProvider);
        _queries = new NodeQueryRunner(store, limits, cursors);
    }

    /// <inheritdoc/>
    public async Task<ReasoningNode> AppendNodeAsync(NodeInput node, CancellationToken cancellationToken = default) =>
        (ReasoningNode)await AppendOneAsync(node, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<ReasoningEdge> AppendEdgeAsync(EdgeInput edge, CancellationToken cancellationToken = default) =>
        (ReasoningEdge)await AppendOneAsync(edge, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<ReasoningAnnotation> AnnotateAsync(AnnotationInput annotation, CancellationToken cancellationToken = default) =>
        (ReasoningAnnotation)await AppendOneAsync(annotation, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task<AppendResult> AppendAsync(GraphBatch batch, CancellationToken cancellationToken = default) =>
        WriteAsync(batch, allowCreatedAt: false, cancellationToken);

    /// <inheritdoc/>
    public Task<AppendResult> ImportAsync(GraphBatch batch, CancellationToken cancellationToken = default) =>
        WriteAsync(batch, allowCreatedAt: true, cancellationToken);

    private async Task<GraphItem> AppendOneAsync(GraphItemInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await WriteAsync([input], allowCreatedAt: false, cancellationToken).ConfigureAwait(false);
        return result.Items[0];
    }

    private async Task<AppendResult> WriteAsync(GraphBatch batch, bool allowCreatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await WriteCheckedAsync(batch, allowCreatedAt, cancellationToken).ConfigureAwait(false);
            WriteMetrics.Count(result);
            return result;
        }
        catch (ReasoningGraphException e)
        {
            WriteMetrics.Refused.Add(e.ErrorCode);
            throw;
        }
        finally
        {
            WriteMetrics.Duration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<AppendResult> WriteCheckedAsync(GraphBatch batch, bool allowCreatedAt, CancellationToken cancellationToken)
    {
        // The canonical members are kept for a store that hashes what it writes; the embedded store without an audit
        // chain never would, so for it they are only checked (no payload-sized copy per write).
        var members = _validator.Validate(batch, allowCreatedAt, keepMembers: _store is not InMemoryGraphStore { KeepsAuditChain: false });
        var withIds = new GraphBatch(batch.Select(i => i.Id is null ? i with { Id = Guid.CreateVersion7(_timeProvider.GetUtcNow()) } : i)) { Members = members };
        var decision = await _policy.EvaluateAsync(withIds, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            throw await RecordDenialAsync(withIds, decision, cancellationToken).ConfigureAwait(false);
        }

        return await _store.AppendAsync(withIds, cancellationToken).ConfigureAwait(false);
    }
}
