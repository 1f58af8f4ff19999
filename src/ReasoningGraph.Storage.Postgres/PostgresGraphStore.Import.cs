using Npgsql;
using NpgsqlTypes;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;
using ReasoningGraph.Storage.Writing;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres;

public sealed partial class PostgresGraphStore
{
    /// <summary>
    /// Bulk-imports a stream of inputs (for example an interchange file) with binary COPY, writing the audit event of
    /// every new item, atomically: everything is committed or nothing is. Inputs keep the <c>createdAt</c> they
    /// carry. The same rules as <see cref="AppendAsync"/> apply across the whole stream: an edge or annotation may
    /// reference stored items or earlier inputs, and a replayed id with the same content is skipped.
    /// </summary>
    /// <param name="inputs">The inputs, in order; every input must have an id.</param>
    /// <param name="cancellationToken">Cancels the import, rolling everything back.</param>
    /// <returns>How many items were written and replayed.</returns>
    /// <remarks>
    /// The graph's head is locked for the whole import, so other writers of the graph wait for it; readers do not.
    /// Inputs are checked and copied in chunks of <see cref="PostgresStoreOptions.ImportChunkSize"/>; memory does not
    /// grow with the stream.
    /// </remarks>
    /// <exception cref="ReasoningGraphException">
    /// <c>CONFLICT</c>, <c>NOT_FOUND</c> or <c>INVALID_PAYLOAD</c> with <c>index</c> (the input's position in the
    /// stream); <c>SIGNING_FAILURE</c>; <c>STORE_UNAVAILABLE</c>. When thrown, nothing was written.
    /// </exception>
    public Task<ImportResult> ImportAsync(IAsyncEnumerable<GraphItemInput> inputs, CancellationToken cancellationToken = default) =>
        ImportCoreAsync(inputs, audited: true, cancellationToken);

    /// <summary>
    /// Imports like <see cref="ImportAsync(IAsyncEnumerable{GraphItemInput}, CancellationToken)"/> but in the safe
    /// mode of a rebuild (docs/runbooks/replay-rebuild.md): no signer is asked for anything and no audit events are
    /// written, so the store's audit chain stays as it is (empty in a fresh store) and starts with the first write
    /// after the rebuild. Items, their <c>seq</c> order and their Kernel audit references are restored as exported,
    /// so traces are the same; what was audited before is evidenced by the archived snapshots, not by a new chain.
    /// </summary>
    /// <param name="inputs">The inputs, in order; every input must have an id.</param>
    /// <param name="cancellationToken">Cancels the import, rolling everything back.</param>
    /// <returns>How many items were written and replayed.</returns>
    /// <exception cref="ReasoningGraphException">
    /// <c>CONFLICT</c>, <c>NOT_FOUND</c> or <c>INVALID_PAYLOAD</c> with <c>index</c>; <c>STORE_UNAVAILABLE</c>. When thrown, nothing was written.
    /// </exception>
    public Task<ImportResult> ImportUnauditedAsync(IAsyncEnumerable<GraphItemInput> inputs, CancellationToken cancellationToken = default) =>
        ImportCoreAsync(inputs, audited: false, cancellationToken);

    private async Task<ImportResult> ImportCoreAsync(IAsyncEnumerable<GraphItemInput> inputs, bool audited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var activity = StoreWriteSpan.Start(nameof(PostgresGraphStore), 0);
        try
        {
            var result = await ImportOnceAsync(inputs, audited ? _db.Signer() : null, cancellationToken).ConfigureAwait(false);
            StoreWriteSpan.SetCreated(activity, result.Created);
            Log.Imported(_db.Logger, result.Created, result.Replayed, GraphId, result.MaxSeq);
            return result;
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw _db.Unavailable(e);
        }
    }

    /// <summary>One import transaction; without a signer (safe mode) no audit events are written.</summary>
    private async Task<ImportResult> ImportOnceAsync(IAsyncEnumerable<GraphItemInput> inputs, IDigestSigner? signer, CancellationToken cancellationToken)
    {
        await _db.EnsureHeadAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeConnection = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeTransaction = transaction.ConfigureAwait(false);
        var (head, _) = await LockHeadAndLookUpAsync(connection, transaction, [], cancellationToken).ConfigureAwait(false);
        var planner = new WritePlanner(head.MaxSeq, Planning);
        var chunk = new List<GraphItemInput>(_db.Options.ImportChunkSize);
        long index = 0, created = 0;
        await foreach (var input in inputs.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(input ?? throw new ArgumentException($"The input at index {index + chunk.Count} is null.", nameof(inputs)));
            if (chunk.Count == _db.Options.ImportChunkSize)
            {
                (head, created) = await ImportChunkAsync(connection, transaction, planner, chunk, index, head, signer, created, cancellationToken).ConfigureAwait(false);
                index += chunk.Count;
                chunk.Clear();
            }
        }

        (head, created) = await ImportChunkAsync(connection, transaction, planner, chunk, index, head, signer, created, cancellationToken).ConfigureAwait(false);
        index += chunk.Count;
        if (created > 0)
        {
            var update = new NpgsqlCommand(_db.Sql.UpdateHead, connection, transaction);
            await using (update.ConfigureAwait(false))
            {
                update.Parameters.AddRange(new NpgsqlParameter[] {
                    InsertCommands.P("g", GraphId), InsertCommands.P("max_seq", planner.MaxSeq), InsertCommands.P("position", head.AuditPosition),
                    // Null in a store whose audit chain is empty and stays so (an unaudited import).
                    new NpgsqlParameter<string?>("hash", NpgsqlDbType.Text) { TypedValue = head.Chain.Hash },
                    new NpgsqlParameter<DateTimeOffset?>("created_at", NpgsqlDbType.TimestampTz) { TypedValue = head.Chain.CreatedAt } });
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await GraphDatabase.CommitAsync(transaction).ConfigureAwait(false);
        return new ImportResult(created, index - created, planner.MaxSeq);
    }

    /// <summary>Checks one chunk against the store (which already holds the earlier chunks of this transaction) and copies it.</summary>
    private async Task<(HeadState Head, long Created)> ImportChunkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, WritePlanner planner,
        List<GraphItemInput> chunk, long index, HeadState head, IDigestSigner? signer, long created, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return (head, created);
        }

        var ids = WritePlanner.IdsToLookUp(chunk, index);
        var stored = (await QueryInTransactionAsync(connection, transaction, ids, cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Id);
        var now = _db.Time.GetUtcNow();
        var plan = planner.Plan(chunk, index, new StoredItems(stored), now);
        // Copied below, in this transaction, before the next chunk looks its ids up: from there on the database has them.
        planner.ForgetPlanned();
        var (createdItems, hashes) = (plan.Created, plan.EntityHashes);
        if (createdItems.Count == 0)
        {
            return (head, created);
        }

        var rows = ItemRows.For(createdItems, head.AuditPosition + 1);
        if (signer is null)
        {
            await CopyWriter.WriteItemsAsync(connection, _db.Sql, GraphId, rows, cancellationToken).ConfigureAwait(false);
            return (head with { MaxSeq = planner.MaxSeq }, created + createdItems.Count);
        }

        var signing = Task.Run(() => _events.LinkAndSignAsync(createdItems, hashes, head, now, signer, cancellationToken), cancellationToken); // while the items are copied
        await Task.WhenAll(CopyWriter.WriteItemsAsync(connection, _db.Sql, GraphId, rows, cancellationToken), signing).ConfigureAwait(false);
        rows.Events = await signing.ConfigureAwait(false);
        await CopyWriter.WriteEventsAsync(connection, _db.Sql, GraphId, rows, cancellationToken).ConfigureAwait(false);
        return (rows.HeadAfter(planner.MaxSeq), created + createdItems.Count);
    }

    private async Task<List<GraphItem>> QueryInTransactionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(_db.Sql.ItemsById, connection, transaction)
        {
            Parameters = { InsertCommands.P("g", GraphId), InsertCommands.P("ids", ids) },
        };
        await using var disposeCommand = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var items = new List<GraphItem>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(ItemReader.Read(reader));
        }

        return items;
    }
}
