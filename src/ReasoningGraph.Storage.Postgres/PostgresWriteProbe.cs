using Npgsql;
using ReasoningGraph.Errors;
using ReasoningGraph.Storage.Postgres.Internal;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// Whether a graph's PostgreSQL database commits a write now, and in time: what a readiness probe asks when commits may
/// wait for a synchronous standby (Patroni's <c>synchronous_mode_strict</c>). It shares the store's connections and
/// touches neither the graph nor its audit chain. Thread-safe; owns nothing (the store owns the connections).
/// </summary>
public sealed class PostgresWriteProbe
{
    /// <summary>
    /// A transactional logical-decoding message: it takes a transaction id and writes WAL, so its commit is flushed and,
    /// with synchronous replication, waits for the synchronous standby exactly as a write's commit does; yet it touches
    /// no table, so neither the graph nor its audit chain sees it, no lock is taken and nothing accumulates. PostgreSQL
    /// lets any role call it, and even in a read-only session, which the condition rules out as a write would be.
    /// </summary>
    private const string WriteProbeSql =
        "SELECT pg_logical_emit_message(true, 'reasoning-graph.write-probe', @g) WHERE current_setting('transaction_read_only') = 'off'";

    private const string WaitEventSql = "SELECT wait_event FROM pg_stat_activity WHERE pid = @pid";

    private static readonly TimeSpan WaitEventTimeout = TimeSpan.FromSeconds(1);
    private readonly GraphDatabase _db;

    /// <summary>Creates the probe of <paramref name="store"/>'s database, on its connections.</summary>
    /// <param name="store">The store whose database is probed.</param>
    public PostgresWriteProbe(PostgresGraphStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _db = store.Database;
    }

    /// <summary>
    /// Commits one write that needs WAL and a (synchronous, when so configured) commit, touching neither the graph nor
    /// its audit chain, and reports whether it committed within <paramref name="bound"/>. A commit still waiting then
    /// is cancelled (PostgreSQL keeps it committed locally) after its session's wait event is read: <c>SyncRep</c>
    /// when it waits for a synchronous standby, which is how every write waits under Patroni's
    /// <c>synchronous_mode_strict</c> while no standby is connected.
    /// </summary>
    /// <param name="bound">How long the commit may take; positive.</param>
    /// <param name="cancellationToken">Cancels the probe (opening the connection included).</param>
    /// <returns>Whether the write committed in time, how long it took, and what it waited for if it did not.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
    /// <exception cref="ReasoningGraphException">
    /// <c>STORE_UNAVAILABLE</c>: the database is unreachable, or takes no writes (a standby, or a read-only session).
    /// </exception>
    public async Task<WriteProbeResult> ProbeAsync(TimeSpan bound, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bound, TimeSpan.Zero);
        try
        {
            return await _db.WithReconnectAsync(() => ProbeOnceAsync(bound, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw _db.Unavailable(e);
        }
    }

    private async Task<WriteProbeResult> ProbeOnceAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var command = new NpgsqlCommand(WriteProbeSql, connection);
        await using var disposeCommand = command.ConfigureAwait(false);
        command.Parameters.Add(InsertCommands.P("g", _db.GraphId));
        using var cancelCommit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long started = _db.Time.GetTimestamp();
        var commit = command.ExecuteScalarAsync(cancelCommit.Token);
        using var expire = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expired = Task.Delay(bound, _db.Time, expire.Token);
        if (await Task.WhenAny(commit, expired).ConfigureAwait(false) == commit)
        {
            await expire.CancelAsync().ConfigureAwait(false);
            return await commit.ConfigureAwait(false) is null
                ? throw GraphErrors.StoreUnavailable("The database takes no writes: the session is read-only (default_transaction_read_only, or a standby).")
                : new WriteProbeResult(committed: true, _db.Time.GetElapsedTime(started));
        }

        var waited = _db.Time.GetElapsedTime(started);
        string? waitEvent = cancellationToken.IsCancellationRequested ? null : await WaitEventAsync(connection.ProcessID, cancellationToken).ConfigureAwait(false);

        // Cancelling a commit that waits for a standby ends the wait, not the transaction (already committed locally);
        // for the probe that is harmless, and it frees the connection instead of holding it until a standby is back.
        await cancelCommit.CancelAsync().ConfigureAwait(false);
        try
        {
            await commit.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException or TimeoutException)
        {
            // the cancelled wait, or a connection Npgsql broke because the cancellation went unanswered
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new WriteProbeResult(committed: false, waited, waitEvent);
    }

    /// <summary>What a session waits for now, read on another connection; null when that cannot be read quickly.</summary>
    private async Task<string?> WaitEventAsync(int processId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WaitEventTimeout);
        try
        {
            var command = _db.DataSource.CreateCommand(WaitEventSql);
            await using var disposeCommand = command.ConfigureAwait(false);
            command.Parameters.Add(new NpgsqlParameter<int>("pid", processId));
            return await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false) as string;
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException or TimeoutException)
        {
            return null;
        }
    }
}
