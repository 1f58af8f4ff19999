using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Controls;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// The operator switches of one graph (<see cref="IGraphControls"/>, behind <see cref="PostgresGraphStore"/>): a
/// change takes the audit head lock (so it orders with writes and snapshot signing), appends its audit event,
/// records the change, and moves the graph's snapshots on or off hold, in one transaction.
/// </summary>
/// <param name="db">The graph's database.</param>
/// <param name="sign">Signs one write's events (inline, or pending in deferred mode).</param>
internal sealed class ControlChanges(GraphDatabase db, Func<AuditEvent[], IDigestSigner, CancellationToken, Task<AuditEvent[]>> sign)
{
    private string GraphId => db.GraphId;

    public async Task<GraphControlState> GetAsync(CancellationToken cancellationToken) =>
        Controls(await db.QueryAsync(db.Sql.LatestControlChanges, ReadSetting, cancellationToken).ConfigureAwait(false));

    public async Task<GraphControlState> SetAsync(GraphControl control, bool enabled, string reason, string actor, CancellationToken cancellationToken)
    {
        _ = new GraphControlChange(control, enabled, reason, actor, db.Time.GetUtcNow()); // checks the reason before any round trip
        return await db.AppendOwnEventAsync(
            sign,
            async (connection, transaction, _) =>
            {
                var state = await ReadControlsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                return ((state.Of(control) is not null) == enabled, state); // already so: nothing to record
            },
            at =>
            {
                var change = new GraphControlChange(control, enabled, reason, actor, at);
                return new OwnEvent<GraphControlState>(change.EventType, change.Id, change.EntityHash(), actor,
                    auditEvent => Rows(change, auditEvent),
                    (connection, transaction, _) => ReadControlsAsync(connection, transaction, cancellationToken),
                    () => Log.ControlChanged(db.Logger, GraphId, change.ControlName, enabled ? "on" : "off", actor, change.Reason));
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The change's history row and, for a signing hold, the graph's snapshots moved on or off hold.</summary>
    private IEnumerable<NpgsqlBatchCommand> Rows(GraphControlChange change, AuditEvent auditEvent)
    {
        yield return InsertCommands.Command(db.Sql.InsertControlChange, GraphId,
            InsertCommands.P("id", change.Id), InsertCommands.P("control", change.ControlName), InsertCommands.P("enabled", change.Enabled),
            InsertCommands.P("reason", change.Reason), InsertCommands.P("actor", change.Actor), InsertCommands.P("changed_at", change.ChangedAt),
            InsertCommands.P("audit_event_id", auditEvent.Id));
        if (change.Control == GraphControl.SigningHold)
        {
            yield return InsertCommands.Command(change.Enabled ? db.Sql.HoldPendingSnapshots : db.Sql.ReleaseHeldSnapshots, GraphId);
        }
    }

    private async Task<GraphControlState> ReadControlsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var command = SnapshotRows.Command(connection, transaction, db.Sql.LatestControlChanges, GraphId);
        await using var disposeCommand = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var rows = new List<(string, GraphControlSetting?)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ReadSetting(reader));
        }

        return Controls(rows);
    }

    private static (string Control, GraphControlSetting? Setting) ReadSetting(NpgsqlDataReader reader) => (
        reader.GetString(0),
        reader.GetBoolean(1) ? new GraphControlSetting(reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetGuid(5)) : null);

    private static GraphControlState Controls(IEnumerable<(string Control, GraphControlSetting? Setting)> rows)
    {
        var latest = rows.ToDictionary(r => GraphControlChange.Parse(r.Control), r => r.Setting);
        return new GraphControlState(latest.GetValueOrDefault(GraphControl.SigningHold), latest.GetValueOrDefault(GraphControl.ReadOnly));
    }
}
