using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Storage.Postgres;

public sealed partial class PostgresSnapshotStore : ISnapshotBacklog
{
    /// <inheritdoc/>
    /// <remarks>One statement over the rows still in the worker's index (pending or unarchived) and those on hold.</remarks>
    public Task<SnapshotBacklog> GetBacklogAsync(CancellationToken cancellationToken = default) =>
        _db.ExecuteAsync(_db.Sql.SnapshotBacklog, async command =>
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new SnapshotBacklog(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        }, cancellationToken);
}
