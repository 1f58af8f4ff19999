using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// The graph's stored checkpoints (<see cref="ICheckpointStore"/>, behind <see cref="PostgresGraphStore"/>): storing one
/// takes the audit head lock (so it orders with writes and with other hosts' checkpoints), checks the checkpoint's last
/// event against the chain, appends the checkpoint's own audit event and its <c>log_checkpoints</c> row, in one transaction.
/// </summary>
/// <param name="db">The graph's database.</param>
/// <param name="sign">Signs one write's events (inline, or pending in deferred mode).</param>
internal sealed class CheckpointRows(GraphDatabase db, Func<AuditEvent[], IDigestSigner, CancellationToken, Task<AuditEvent[]>> sign)
{
    private readonly string _s = "\"" + db.Options.Schema + "\"";

    private string GraphId => db.GraphId;

    private string Latest =>
        $"SELECT id, tree_size, signed_note, created_at, audit_event_id FROM {_s}.log_checkpoints WHERE graph_id = @g ORDER BY tree_size DESC LIMIT 1";

    private string EventHashAt => $"SELECT hash FROM {_s}.audit_events WHERE graph_id = @g AND position = @position";

    private string Insert =>
        $"INSERT INTO {_s}.log_checkpoints (graph_id, tree_size, id, signed_note, created_at, audit_event_id) " +
        "VALUES (@g, @tree_size, @id, @signed_note, @created_at, @audit_event_id)";

    private string AuditPosition => $"SELECT coalesce((SELECT audit_position FROM {_s}.graph_heads WHERE graph_id = @g), 0)";

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        db.ExecuteAsync(AuditPosition, async command => (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, cancellationToken);

    public async Task<StoredCheckpoint?> LatestAsync(CancellationToken cancellationToken) =>
        (await db.QueryAsync(Latest, Read, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<StoredCheckpoint?> StoreAsync(long treeSize, string lastEventHash, string signedNote, string actor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(treeSize, 1);
        ArgumentNullException.ThrowIfNull(lastEventHash);
        ArgumentNullException.ThrowIfNull(signedNote);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return await db.AppendOwnEventAsync<StoredCheckpoint?>(
            sign,
            async (connection, transaction, head) =>
            {
                var latest = await ReadLatestAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                if (latest is not null && latest.TreeSize >= treeSize)
                {
                    return (true, null); // another host (or an earlier run) was first
                }

                string? stored = treeSize > head.AuditPosition ? null : await HashAtAsync(connection, transaction, treeSize, cancellationToken).ConfigureAwait(false);
                if (stored != lastEventHash)
                {
                    throw GraphErrors.InvalidPayload("treeSize", stored is null
                        ? $"The chain holds {head.AuditPosition} events: a checkpoint of {treeSize} covers events it does not hold."
                        : $"Event {treeSize - 1} of the chain is {stored}, not {lastEventHash}: the checkpoint is of another history.", reason: "checkpoint-mismatch");
                }

                return (false, null);
            },
            at =>
            {
                var id = Guid.CreateVersion7(at);
                return new OwnEvent<StoredCheckpoint?>(AuditEventTypes.CheckpointStored, id, StoredCheckpoint.EntityHash(signedNote), actor,
                    auditEvent =>
                    [
                        InsertCommands.Command(Insert, GraphId,
                            InsertCommands.P("tree_size", treeSize), InsertCommands.P("id", id), InsertCommands.P("signed_note", signedNote),
                            InsertCommands.P("created_at", auditEvent.CreatedAt), InsertCommands.P("audit_event_id", auditEvent.Id)),
                    ],
                    (_, _, auditEvent) => Task.FromResult<StoredCheckpoint?>(new StoredCheckpoint(id, treeSize, signedNote, auditEvent.CreatedAt, auditEvent.Id)));
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredCheckpoint?> ReadLatestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var command = SnapshotRows.Command(connection, transaction, Latest, GraphId);
        await using var disposeCommand = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private async Task<string?> HashAtAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long position, CancellationToken cancellationToken)
    {
        var command = SnapshotRows.Command(connection, transaction, EventHashAt, GraphId, InsertCommands.P("position", position));
        await using var disposeCommand = command.ConfigureAwait(false);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static StoredCheckpoint Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetGuid(4));
}
