using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReasoningGraph.Diagnostics;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Reads on standbys (<see cref="PostgresStoreOptions.ReadConnectionString"/>): a read at seq <c>asOf</c> is answered
/// by a standby only if the standby's graph head has reached <c>asOf</c>. Items are immutable and seq is assigned in
/// commit order, so a standby at or past <c>asOf</c> holds exactly what the primary holds at <c>asOf</c>. The check and
/// the read are one batch on one connection (a multi-host standby string may put consecutive connections on
/// different standbys); replay only moves forward, so the read, whose snapshot is taken after the check's, sees at
/// least as much. Anything else — a standby behind, unreachable or failing — returns null and the primary answers;
/// after a failure the standbys are skipped for five seconds. Standbys are assumed to follow the primary's history
/// (as Patroni rewinds or rebuilds a former primary before it streams again): a server that diverged, such as an old
/// primary not yet rewound after an asynchronous failover, must not be listed.
/// </summary>
internal sealed class ReplicaReads(NpgsqlDataSource standbys, SqlText sql, string graphId, ILogger logger, TimeProvider time) : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(5);
    private static readonly string[] Outcomes = ["served", "behind", "failed", "skipped"];
    private static readonly long[] Totals = new long[Outcomes.Length];

    private static readonly ObservableCounter<long> ReadsTotal = ReasoningGraphDiagnostics.Meter.CreateObservableCounter(
        "reasoning_graph.replica_reads_total",
        () => Outcomes.Select((outcome, i) => new Measurement<long>(Interlocked.Read(ref Totals[i]), new KeyValuePair<string, object?>("outcome", outcome))),
        description: "Reads offered to a standby: served there, or answered by the primary because the standby was behind, failed, or is skipped for a few seconds after failing.");

    // Read at construction, so the counter exists (at 0) from the moment a store has standbys.
    private readonly ObservableCounter<long> _readsTotal = ReadsTotal;
    private readonly IntervalReport _failureReport = new(TimeSpan.FromSeconds(30), time);
    private long _replayed;
    private long _skipUntilTicks;

    /// <summary>The highest graph head a standby was seen at; a hint for skipping a standby known to be behind.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>
    /// The rows of <paramref name="query"/> read on a standby at <paramref name="asOf"/>, or null when the primary
    /// must answer. A standby known to be behind is first asked only for its head (cheap), not the read.
    /// </summary>
    public async Task<List<T>?> TryQueryAsync<T>(
        long asOf, string query, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        if (asOf == long.MaxValue)
        {
            return null; // "whatever is newest" is the primary's to say
        }

        if (time.GetUtcNow().UtcTicks < Interlocked.Read(ref _skipUntilTicks))
        {
            Count(3); // failed a moment ago: a standby that drops packets would cost every read its connect timeout
            return null;
        }

        try
        {
            var connection = await standbys.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);
            if (Replayed < asOf && await HeadAsync(connection, cancellationToken).ConfigureAwait(false) < asOf)
            {
                Count(1);
                return null;
            }

            var rows = await ReadCheckedAsync(connection, asOf, query, parameters, read, cancellationToken).ConfigureAwait(false);
            Count(rows is null ? 1 : 0);
            return rows;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            if (PostgresErrors.IsBrokenConnection(e))
            {
                standbys.Clear();
            }

            Count(2);
            Interlocked.Exchange(ref _skipUntilTicks, (time.GetUtcNow() + FailureBackoff).UtcTicks);
            ReportFailure(e);
            return null;
        }
    }

    private async Task<long> HeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql.MaxSeq, connection) { Parameters = { InsertCommands.P("g", graphId) } };
        await using var disposeCommand = command.ConfigureAwait(false);
        long head = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long seq ? seq : 0;
        Raise(head);
        return head;
    }

    /// <summary>The head check and the read in one batch; null (the read's rows discarded) when the head is behind.</summary>
    private async Task<List<T>?> ReadCheckedAsync<T>(
        NpgsqlConnection connection, long asOf, string query, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var check = new NpgsqlBatchCommand(sql.MaxSeq) { Parameters = { InsertCommands.P("g", graphId) } };
        var select = new NpgsqlBatchCommand(query);
        select.Parameters.Add(InsertCommands.P("g", graphId));
        select.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
        var batch = new NpgsqlBatch(connection) { BatchCommands = { check, select } };
        await using var disposeBatch = batch.ConfigureAwait(false);
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        long head = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 0;
        Raise(head);
        if (head < asOf)
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private void Raise(long head)
    {
        long seen = Interlocked.Read(ref _replayed);
        while (head > seen)
        {
            long before = Interlocked.CompareExchange(ref _replayed, head, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }

    private static void Count(int outcome) => Interlocked.Increment(ref Totals[outcome]);

    /// <summary>Once per interval, with a count: a standby down fails every read offered to it.</summary>
    private void ReportFailure(Exception e)
    {
        if (_failureReport.Count() is { } failures)
        {
            Log.StandbyReadsFailing(logger, graphId, $"{e.GetType().Name}: {e.Message}", failures, _failureReport.IntervalSeconds);
        }
    }

    public ValueTask DisposeAsync() => standbys.DisposeAsync();

    public void Dispose() => standbys.Dispose();
}
