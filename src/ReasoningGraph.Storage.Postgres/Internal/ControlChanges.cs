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
    private readonly SnapshotSql _snapshotStatements = new(db.Options.Schema);

    private string GraphId => db.GraphId;

    public async Task<GraphControlState> GetAsync(CancellationToken cancellationToken) =>
        Controls(await db.QueryAsync(db.Sql.LatestControlChanges, ReadSetting, cancellationToken).ConfigureAwait(false));

    public async Task<GraphControlState> SetAsync(GraphControl control, bool enabled, string reason, string actor, CancellationToken cancellationToken)
    {
        _ = new GraphControlChange(control, enabled, reason, actor, db.Time.GetUtcNow()); // checks the reason before any round trip
        var signer = db.Signer();
        try
        {
            await db.EnsureHeadAsync(cancellationToken).ConfigureAwait(false);
            var connection = await db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeTransaction = transaction.ConfigureAwait(false);
            var head = await db.LockAuditHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var state = await ReadControlsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if ((state.Of(control) is not null) == enabled)
            {
                return state; // already so: nothing to record
            }

            var at = AuditChain.NextTimestamp(db.Time.GetUtcNow(), head.Chain.CreatedAt);
            var change = new GraphControlChange(control, enabled, reason, actor, at);
            var linked = AuditChain.LinkEvent(change.EventType, change.Id, change.EntityHash(), actor, head.Chain, at);
            var auditEvent = (await sign([linked], signer, cancellationToken).ConfigureAwait(false))[0];
            var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    SnapshotRows.AuditEventCommand(_snapshotStatements.InsertAuditEvent, GraphId, auditEvent, head.AuditPosition + 1, change.Id),
                    InsertCommands.Command(_snapshotStatements.UpdateAuditHead, GraphId,
                        InsertCommands.P("position", head.AuditPosition + 1), InsertCommands.P("hash", auditEvent.Hash), InsertCommands.P("created_at", auditEvent.CreatedAt)),
                    InsertCommands.Command(db.Sql.InsertControlChange, GraphId,
                        InsertCommands.P("id", change.Id), InsertCommands.P("control", change.ControlName), InsertCommands.P("enabled", enabled),
                        InsertCommands.P("reason", change.Reason), InsertCommands.P("actor", actor), InsertCommands.P("changed_at", change.ChangedAt),
                        InsertCommands.P("audit_event_id", auditEvent.Id)),
                },
            };
            if (control == GraphControl.SigningHold)
            {
                batch.BatchCommands.Add(InsertCommands.Command(enabled ? db.Sql.HoldPendingSnapshots : db.Sql.ReleaseHeldSnapshots, GraphId));
            }

            await using (batch.ConfigureAwait(false))
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var after = await ReadControlsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await GraphDatabase.CommitAsync(transaction).ConfigureAwait(false);
            Log.ControlChanged(db.Logger, GraphId, change.ControlName, enabled ? "on" : "off", actor, change.Reason);
            return after;
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw db.Unavailable(e);
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
