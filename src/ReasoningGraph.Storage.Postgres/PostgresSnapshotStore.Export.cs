using ReasoningGraph.Archive.Export;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// The export feed: signed snapshots in signing order. A snapshot takes no graph <c>seq</c>; its export sequence
/// number is the audit-chain position of its <c>reason.snapshot.created</c> event, assigned under the graph-head
/// lock in the transaction that signs it, so positions only grow in commit order and a watermark never skips a
/// snapshot signed later (including pending ones finished after a signer outage).
/// </summary>
public sealed partial class PostgresSnapshotStore : ISignedSnapshotFeed
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<SequencedSnapshot>> ReadSignedAsync(long afterSeq, SnapshotAudience audience, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _db.ExecuteAsync(_statements.SignedAfter, command =>
        {
            command.Parameters.Add(InsertCommands.P("after", afterSeq));
            command.Parameters.Add(InsertCommands.P("audience", SnapshotRows.Audience(audience)));
            command.Parameters.Add(InsertCommands.P("limit", limit));
            return SnapshotRows.ReadSequencedAsync(command, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> AnySignedAsync(long afterSeq, SnapshotAudience audience, CancellationToken cancellationToken = default) =>
        _db.ExecuteAsync(_statements.AnySignedAfter, async command =>
        {
            command.Parameters.Add(InsertCommands.P("after", afterSeq));
            command.Parameters.Add(InsertCommands.P("audience", SnapshotRows.Audience(audience)));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }, cancellationToken);
}
