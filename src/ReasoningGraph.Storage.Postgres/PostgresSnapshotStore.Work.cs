using Npgsql;
using NpgsqlTypes;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// The snapshot work queue on the <c>snapshots</c> table (migration 0004): claims take row locks with
/// <c>FOR UPDATE SKIP LOCKED</c> for one short statement and leave a lease (<c>next_attempt_at</c>) behind, so
/// finishers on several hosts never work on the same snapshot and no transaction stays open while signing.
/// </summary>
public sealed partial class PostgresSnapshotStore : ISnapshotWorkClaims
{

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SnapshotWorkItem>> ClaimAsync(SnapshotClaimRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Limit);
        var items = await _db.ExecuteAsync(_workStatements.Claim, async command =>
        {
            command.Parameters.Add(InsertCommands.P("now", request.Now));
            command.Parameters.Add(InsertCommands.P("lease_until", request.Now + request.Lease));
            command.Parameters.Add(new NpgsqlParameter<TimeSpan>("grace", NpgsqlDbType.Interval) { TypedValue = request.Grace });
            command.Parameters.Add(InsertCommands.P("unarchived", request.IncludeUnarchived));
            command.Parameters.Add(InsertCommands.P("limit", request.Limit));
            return await SnapshotRows.ReadWorkAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        // RETURNING keeps no order: oldest first, as claimed.
        return [.. items.OrderBy(i => i.Snapshot.CreatedAt).ThenBy(i => i.Snapshot.Id)];
    }

    /// <inheritdoc/>
    public Task RetryLaterAsync(Guid id, DateTimeOffset nextAttemptAt, string errorCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        return _db.ExecuteAsync(_workStatements.RetryLater, command =>
        {
            command.Parameters.Add(InsertCommands.P("id", id));
            command.Parameters.Add(InsertCommands.P("next_attempt_at", nextAttemptAt));
            command.Parameters.Add(InsertCommands.P("error", errorCode));
            return command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task MarkArchivedAsync(Guid id, DateTimeOffset archivedAt, CancellationToken cancellationToken = default) =>
        _db.ExecuteAsync(_workStatements.MarkArchived, command =>
        {
            command.Parameters.Add(InsertCommands.P("id", id));
            command.Parameters.Add(InsertCommands.P("archived_at", archivedAt));
            return command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

}
