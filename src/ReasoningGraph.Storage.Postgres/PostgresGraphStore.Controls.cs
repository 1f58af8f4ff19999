using ReasoningGraph.Controls;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

public sealed partial class PostgresGraphStore : IGraphControls
{
    private ControlChanges? _controls;

    /// <summary>The switches' statements, sharing this store's connections, audit chain and signing mode.</summary>
    private ControlChanges ControlChanges => _controls ??= new ControlChanges(_db, _events.SignAsync);

    /// <inheritdoc/>
    public Task<GraphControlState> GetControlsAsync(CancellationToken cancellationToken = default) => ControlChanges.GetAsync(cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// One transaction under the audit head lock (so it orders with writes and snapshot signing): the change's audit
    /// event (signed like a write's: inline, or pending during a signer outage), its history row, and for a signing
    /// hold the graph's snapshots moved on or off hold.
    /// </remarks>
    public Task<GraphControlState> SetControlAsync(GraphControl control, bool enabled, string reason, string actor, CancellationToken cancellationToken = default) =>
        ControlChanges.SetAsync(control, enabled, reason, actor, cancellationToken);
}
