using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// What the graph store and the snapshot store of one graph share: the data source, settings and statements, the audit
/// signer and clock, and the rules for a failed statement (one retry on a dead pooled connection, failures translated
/// to <c>STORE_UNAVAILABLE</c> and logged). Both stores append to the graph's one audit chain under its head lock.
/// </summary>
internal sealed class GraphDatabase : IAsyncDisposable, IDisposable
{
    private readonly IDigestSigner? _signer;
    private readonly SnapshotSql _auditStatements;
    private readonly IntervalReport _unavailableReport;
    private readonly HostStates _hostStates;
    private readonly bool _ownsDataSource;
    private volatile bool _headEnsured;
    private int _disposed;

    /// <summary>Validates the options and opens a data source unless <paramref name="dataSource"/> is given (then the caller owns it).</summary>
    public GraphDatabase(NpgsqlDataSource? dataSource, PostgresStoreOptions options, IDigestSigner? signer, TimeProvider? timeProvider, ILogger? logger)
    {
        PostgresStoreOptionsValidator.ThrowIfInvalid(options, requireConnectionString: dataSource is null);
        Options = options;
        _ownsDataSource = dataSource is null;
        DataSource = dataSource ?? PostgresDataSource.Create(options);
        _signer = signer;
        Time = timeProvider ?? TimeProvider.System;
        Logger = logger ?? NullLogger.Instance;
        Sql = new SqlText(options.Schema);
        _auditStatements = new SnapshotSql(options.Schema);
        _unavailableReport = new IntervalReport(TimeSpan.FromSeconds(30), Time);
        _hostStates = new HostStates(DataSource);
        Replica = options.ReadConnectionString is { } standbys
            ? new ReplicaReads(PostgresDataSource.Create(options, standbys), Sql, options.GraphId, Logger, Time)
            : null;
    }

    /// <summary>The standbys that serve reads, when <see cref="PostgresStoreOptions.ReadConnectionString"/> names any.</summary>
    public ReplicaReads? Replica { get; }

    public NpgsqlDataSource DataSource { get; }

    public PostgresStoreOptions Options { get; }

    public SqlText Sql { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }


    public string GraphId => Options.GraphId;

    /// <summary>The audit signer; writes fail closed without one.</summary>
    public IDigestSigner Signer() => _signer ?? throw new ReasoningGraphException(
        ErrorCodes.SigningFailure, "The PostgreSQL store has no audit signer configured; writes are refused (fail closed).");

    /// <summary>Creates the graph's head row the first time this store writes (a no-op when it exists).</summary>
    public async Task EnsureHeadAsync(CancellationToken cancellationToken)
    {
        if (_headEnsured)
        {
            return;
        }

        var command = DataSource.CreateCommand(Sql.EnsureHead);
        await using var disposeCommand = command.ConfigureAwait(false);
        command.Parameters.Add(InsertCommands.P("g", GraphId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _headEnsured = true;
    }

    /// <summary>Locks the graph head (as appends do) and reads where the audit chain ends.</summary>
    public async Task<HeadState> LockAuditHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var command = SnapshotRows.Command(connection, transaction, Sql.LockHead, GraphId);
        await using var disposeCommand = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The head row of graph '{GraphId}' is missing.");
        }

        return new HeadState(
            reader.GetInt64(0),
            reader.GetInt64(1),
            new AuditChainHead(reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
    }

    /// <summary>
    /// Commits a write, whatever the caller's token says. A cancelled COMMIT does not undo it: with synchronous
    /// replication, cancelling the wait for the standby leaves the write committed on the primary alone (PostgreSQL
    /// warns and keeps it), so a timed-out request would turn into a committed, unreplicated write — a hole in RPO 0 —
    /// answered as a failure. The command timeout still bounds the wait, and when it fires Npgsql cancels it the same
    /// way: PostgreSQL keeps the commit with a warning. With strict synchronous replication, set the connection
    /// string's <c>Command Timeout</c> above the longest standby outage during which writes should wait rather than
    /// be acknowledged by the primary alone (docs/runbooks/postgres-failover.md).
    /// </summary>
    public static Task CommitAsync(NpgsqlTransaction transaction) => transaction.CommitAsync(CancellationToken.None);

    /// <summary>
    /// Appends one audit event of the store's own (a checkpoint, a control change) with the caller's row(s), in one
    /// transaction: takes the audit head lock (so it orders with writes, snapshot signing and other hosts), lets
    /// <paramref name="check"/> decide under it, links the event <paramref name="describe"/> gives to the chain and
    /// signs it with <paramref name="sign"/>, then one batch inserts the event, moves the head and adds the caller's
    /// rows; the answer is read before the commit. Failures are translated (<see cref="Unavailable"/>), not retried.
    /// </summary>
    /// <param name="sign">Signs one write's events (inline, or pending in deferred mode).</param>
    /// <param name="check">
    /// Runs under the lock before anything is written: <c>Done</c> ends the call with <c>Answer</c> (nothing to
    /// record); it may throw.
    /// </param>
    /// <param name="describe">The event at its timestamp (the clock, after the chain's last event).</param>
    /// <param name="cancellationToken">Cancels the call; the commit itself is not cancelled (<see cref="CommitAsync"/>).</param>
    public async Task<T> AppendOwnEventAsync<T>(
        Func<AuditEvent[], IDigestSigner, CancellationToken, Task<AuditEvent[]>> sign,
        Func<NpgsqlConnection, NpgsqlTransaction, HeadState, Task<(bool Done, T Answer)>> check,
        Func<DateTimeOffset, OwnEvent<T>> describe,
        CancellationToken cancellationToken)
    {
        var signer = Signer();
        try
        {
            await EnsureHeadAsync(cancellationToken).ConfigureAwait(false);
            var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeTransaction = transaction.ConfigureAwait(false);
            var head = await LockAuditHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var (done, unchanged) = await check(connection, transaction, head).ConfigureAwait(false);
            if (done)
            {
                return unchanged;
            }

            var at = AuditChain.NextTimestamp(Time.GetUtcNow(), head.Chain.CreatedAt);
            var own = describe(at);
            var linked = AuditChain.LinkEvent(own.EventType, own.EntityId, own.EntityHash, own.Actor, head.Chain, at);
            var auditEvent = (await sign([linked], signer, cancellationToken).ConfigureAwait(false))[0];
            var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    SnapshotRows.AuditEventCommand(_auditStatements.InsertAuditEvent, GraphId, auditEvent, head.AuditPosition + 1, own.EntityId),
                    InsertCommands.Command(_auditStatements.UpdateAuditHead, GraphId,
                        InsertCommands.P("position", head.AuditPosition + 1), InsertCommands.P("hash", auditEvent.Hash), InsertCommands.P("created_at", auditEvent.CreatedAt)),
                },
            };
            foreach (var row in own.Rows(auditEvent))
            {
                batch.BatchCommands.Add(row);
            }

            await using (batch.ConfigureAwait(false))
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var answer = await own.Answer(connection, transaction, auditEvent).ConfigureAwait(false);
            await CommitAsync(transaction).ConfigureAwait(false);
            own.Committed?.Invoke();
            return answer;
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Runs an operation that has not changed anything when it fails; if it failed because its pooled connection
    /// had died (the server went away and came back), empties the pool and runs it once more on a fresh connection.
    /// </summary>
    public async Task<T> WithReconnectAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.IsBrokenConnection(e) && !cancellationToken.IsCancellationRequested)
        {
            Log.Reconnecting(Logger, GraphId, e.Message);
            DataSource.Clear();
            _hostStates.ForgetAfter(e); // the server that went away may have been the primary
        }

        return await operation().ConfigureAwait(false);
    }

    /// <summary>Runs one statement with the graph id bound as <c>@g</c>, translating failures.</summary>
    public async Task<T> ExecuteAsync<T>(string sql, Func<NpgsqlCommand, Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await WithReconnectAsync(async () =>
            {
                var command = DataSource.CreateCommand(sql);
                await using var disposeCommand = command.ConfigureAwait(false);
                command.Parameters.Add(InsertCommands.P("g", GraphId));
                return await run(command).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Runs one statement with the graph id bound as <c>@g</c> and materializes every row.</summary>
    public Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters) =>
        ExecuteAsync(sql, async command =>
        {
            command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }, cancellationToken);

    /// <summary>
    /// <see cref="QueryAsync"/> for a read at seq <paramref name="asOf"/>: on a standby that has replayed it, when there
    /// is one, else on the primary.
    /// </summary>
    public async Task<List<T>> QueryAtAsync<T>(long asOf, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters) =>
        Replica is not null && await Replica.TryQueryAsync(asOf, sql, parameters, read, cancellationToken).ConfigureAwait(false) is { } rows
            ? rows
            : await QueryAsync(sql, read, cancellationToken, parameters).ConfigureAwait(false);

    /// <summary>
    /// Streams one statement's rows (one snapshot) on a connection of its own, translating failures; a dead pooled
    /// connection is retried only while opening, before any row was read.
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(
        string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        NpgsqlCommand command;
        NpgsqlDataReader reader;
        try
        {
            (connection, command, reader) = await WithReconnectAsync(() => OpenReaderAsync(sql, parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
        }

        await using var disposeConnection = connection.ConfigureAwait(false);
        await using var disposeCommand = command.ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        while (true)
        {
            T row;
            try
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                row = read(reader);
            }
            catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
            {
                throw Unavailable(e);
            }

            yield return row;
        }
    }

    /// <summary>Opens a connection and starts a streamed statement on it; disposes both when that fails.</summary>
    public async Task<(NpgsqlConnection, NpgsqlCommand, NpgsqlDataReader)> OpenReaderAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var command = new NpgsqlCommand(sql, connection);
        try
        {
            command.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            return (connection, command, await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await command.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The error a failed database call surfaces as; <c>STORE_UNAVAILABLE</c> is logged.</summary>
    public ReasoningGraphException Unavailable(Exception e)
    {
        if (PostgresErrors.IsBrokenConnection(e))
        {
            DataSource.Clear(); // the other idle connections of the pool are most likely dead too
        }

        var error = PostgresErrors.Translate(e);
        if (error.ErrorCode == ErrorCodes.StoreUnavailable)
        {
            _hostStates.ForgetAfter(e); // a failover: the next attempt looks for the new primary at once
            ReportUnavailable(e);
        }

        return error;
    }

    /// <summary>
    /// One log line per interval with the reason and how many calls failed, not a stack trace per request: an outage
    /// answers thousands of requests with 503, and the operator needs to read what happened, not scroll past it.
    /// </summary>
    private void ReportUnavailable(Exception e)
    {
        if (_unavailableReport.Count() is { } failures)
        {
            Log.StoreUnavailable(Logger, GraphId, $"{e.GetType().Name}: {e.Message}", failures, _unavailableReport.IntervalSeconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (Replica is not null)
            {
                await Replica.DisposeAsync().ConfigureAwait(false);
            }

            if (_ownsDataSource)
            {
                await DataSource.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Replica?.Dispose();
            if (_ownsDataSource)
            {
                DataSource.Dispose();
            }
        }
    }
}
