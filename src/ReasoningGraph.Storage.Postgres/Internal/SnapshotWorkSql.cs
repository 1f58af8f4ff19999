namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// The statements of the snapshot work queue (migration 0004), schema-qualified like <see cref="SqlText"/>. Parameter
/// <c>@g</c> is the graph id.
/// </summary>
internal sealed class SnapshotWorkSql(string schema)
{
    private readonly string _s = "\"" + schema + "\"";

    /// <summary>
    /// Claims due snapshots: rows another finisher holds are skipped (<c>SKIP LOCKED</c>), the claimed ones count an
    /// attempt and are hidden from others until the lease ends. Returns <see cref="SnapshotSql.Columns"/> and then
    /// <c>attempts</c>.
    /// </summary>
    public string Claim =>
        $"UPDATE {_s}.snapshots AS s SET attempts = s.attempts + 1, next_attempt_at = @lease_until " +
        $"FROM (SELECT id AS claim_id FROM {_s}.snapshots WHERE graph_id = @g AND (" +
        "(status = 'pending' AND coalesce(next_attempt_at, created_at + @grace) <= @now) OR " +
        "(@unarchived AND status = 'signed' AND archived_at IS NULL AND coalesce(next_attempt_at, '-infinity') <= @now)) " +
        "ORDER BY created_at, id LIMIT @limit FOR UPDATE SKIP LOCKED) AS c " +
        $"WHERE s.graph_id = @g AND s.id = c.claim_id RETURNING {SnapshotSql.Columns}, attempts";

    public string RetryLater =>
        $"UPDATE {_s}.snapshots SET next_attempt_at = @next_attempt_at, last_error = @error WHERE graph_id = @g AND id = @id";

    public string MarkArchived =>
        $"UPDATE {_s}.snapshots SET archived_at = @archived_at, next_attempt_at = NULL, last_error = NULL " +
        "WHERE graph_id = @g AND id = @id AND status = 'signed'";
}
