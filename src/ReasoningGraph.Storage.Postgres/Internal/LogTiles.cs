using System.Diagnostics.CodeAnalysis;
using Npgsql;
using NpgsqlTypes;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// The verifiable log of one graph on PostgreSQL (<see cref="IVerifiableLog"/>, behind <see cref="PostgresGraphStore"/>):
/// roots and proofs computed from the stored tiles (<c>log_tiles</c>, <see cref="TileBuilder"/>). Before answering for a
/// tree larger than the stored tree, the tiles are extended from the events not yet in it — only those are read — and
/// stored, in chunks; on a read-only connection (a standby) the extension is used without being stored. A proof then
/// reads the chain's size with the last tile of each level, then the tiles its nodes lie in: two statements, whatever
/// the chain's length.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
internal sealed class LogTiles(GraphDatabase db) : IVerifiableLog
{
    private const int ChunkEvents = 1 << 16;
    private const int HashLength = 32;
    private static readonly byte[] Placeholder = new byte[HashLength];

    private readonly string _s = "\"" + db.Options.Schema + "\"";

    /// <summary>One extension at a time in this process: concurrent requests behind a long backlog wait for one another's work.</summary>
    private readonly SemaphoreSlim _extending = new(1, 1);

    // The chain's size (as level -1), then the last tile of each level: one backward index probe per level, in one
    // round trip. Eight levels of tiles hold 2^64 leaves.
    // The chain's event at the stored tree's last leaf comes back as level -2: the tiles are checked against it.
    private string SizeAndLastTiles =>
        $"SELECT -1, coalesce((SELECT audit_position FROM {_s}.graph_heads WHERE graph_id = @g), 0), NULL::bytea UNION ALL " +
        $"SELECT l.level, t.idx, t.hashes FROM generate_series(0, 7) AS l(level) CROSS JOIN LATERAL " +
        $"(SELECT idx, hashes FROM {_s}.log_tiles WHERE graph_id = @g AND level = l.level ORDER BY idx DESC LIMIT 1) t UNION ALL " +
        $"SELECT -2, a.position, decode(a.hash, 'hex') FROM (SELECT idx, hashes FROM {_s}.log_tiles WHERE graph_id = @g AND level = 0 ORDER BY idx DESC LIMIT 1) t " +
        $"JOIN {_s}.audit_events a ON a.graph_id = @g AND a.position = t.idx * {TileBuilder.Width} + length(t.hashes) / {HashLength}";

    private string Tiles =>
        $"SELECT t.level, t.idx, t.hashes FROM {_s}.log_tiles t JOIN unnest(@levels, @idxs) AS w(level, idx) " +
        "ON t.level = w.level AND t.idx = w.idx WHERE t.graph_id = @g";

    private string EventHashes => $"SELECT hash FROM {_s}.audit_events WHERE graph_id = @g AND position > @from AND position <= @to ORDER BY position";

    private string EventHash => $"SELECT hash FROM {_s}.audit_events WHERE graph_id = @g AND position = @position";

    private string FirstEvent =>
        $"SELECT position FROM {_s}.audit_events WHERE graph_id = @g AND entity_id = @entity AND (@type::text IS NULL OR event_type = @type) ORDER BY position LIMIT 1";

    private string ChainSize => $"SELECT coalesce((SELECT audit_position FROM {_s}.graph_heads WHERE graph_id = @g), 0)";

    // A tile only grows: an update that is not longer, or does not extend what is stored, changes nothing.
    private string Store =>
        $"INSERT INTO {_s}.log_tiles AS t (graph_id, level, idx, hashes) SELECT @g, * FROM unnest(@levels, @idxs, @hashes) " +
        "ON CONFLICT (graph_id, level, idx) DO UPDATE SET hashes = excluded.hashes " +
        "WHERE length(excluded.hashes) > length(t.hashes) AND substring(excluded.hashes FROM 1 FOR length(t.hashes)) = t.hashes";

    /// <inheritdoc/>
    /// <remarks>The head row's audit position: one indexed read.</remarks>
    public Task<long> GetTreeSizeAsync(CancellationToken cancellationToken = default) =>
        db.ExecuteAsync(ChainSize, async command => (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> GetRootHashAsync(long treeSize, CancellationToken cancellationToken = default) =>
        ComputeAsync(treeSize, subtree => MerkleLog.RootHash(treeSize, subtree), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken = default)
    {
        if (index < 0 || index >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of {treeSize} leaves.");
        }

        return ComputeAsync(treeSize, subtree => MerkleLog.InclusionProof(index, treeSize, subtree), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default)
    {
        if (oldSize < 1 || oldSize > newSize)
        {
            throw new ArgumentOutOfRangeException(nameof(oldSize), $"A consistency proof runs from 1 ≤ old size ≤ new size ({newSize}), not {oldSize}.");
        }

        return ComputeAsync(newSize, subtree => MerkleLog.ConsistencyProof(oldSize, newSize, subtree), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<byte[]> GetEventHashAsync(long index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var hash = await db.ExecuteAsync(EventHash, async command =>
        {
            command.Parameters.Add(InsertCommands.P("position", index + 1));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }, cancellationToken).ConfigureAwait(false);
        if (hash is null)
        {
            long size = await GetTreeSizeAsync(cancellationToken).ConfigureAwait(false);
            throw index < size
                ? Inconsistent($"The chain counts {size} events but holds no event at position {index + 1}: its positions have gaps.")
                : new ArgumentOutOfRangeException(nameof(index), $"The chain holds {size} events, no event {index}.");
        }

        return Convert.FromHexString(hash);
    }

    /// <inheritdoc/>
    /// <remarks>The <c>audit_events_entity</c> index.</remarks>
    public Task<long?> FindEventAsync(Guid entityId, string? eventType = null, CancellationToken cancellationToken = default) =>
        db.ExecuteAsync(FirstEvent, async command =>
        {
            command.Parameters.Add(InsertCommands.P("entity", entityId));
            command.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Text) { Value = (object?)eventType ?? DBNull.Value });
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position - 1 : (long?)null;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="compute"/> (one of <see cref="MerkleLog"/>'s subtree-based methods) over the tree of
    /// <paramref name="treeSize"/> events: once to learn which nodes it needs, then with those nodes' hashes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The chain holds fewer events.</exception>
    private async Task<T> ComputeAsync<T>(long treeSize, Func<Func<int, long, byte[]>, T> compute, CancellationToken cancellationToken)
    {
        var (size, last) = await ReadLastTilesAsync(cancellationToken).ConfigureAwait(false);
        if (treeSize < 0 || treeSize > size)
        {
            throw new ArgumentOutOfRangeException(nameof(treeSize), $"The chain holds {size} events: a tree size is 0 to {size}, not {treeSize}.");
        }

        // The tiles the answer needs depend on the sizes only: learnt first, so an extension keeps just those in memory.
        var needed = new HashSet<(int Level, long Index)>();
        compute((level, index) =>
        {
            needed.Add(TileBuilder.TileOf(level, index));
            return Placeholder;
        });

        Dictionary<(int Level, long Index), byte[]> tiles;
        if (StoredSize(last) >= treeSize)
        {
            tiles = last.ToDictionary(t => (t.Level, t.Index), t => t.Hashes);
        }
        else
        {
            await _extending.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                (_, last) = await ReadLastTilesAsync(cancellationToken).ConfigureAwait(false); // another request may have extended them
                tiles = await ExtendAsync(treeSize, last, needed, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _extending.Release();
            }
        }

        needed.ExceptWith(tiles.Keys);
        if (needed.Count > 0)
        {
            foreach (var (key, hashes) in await ReadTilesAsync(needed, cancellationToken).ConfigureAwait(false))
            {
                tiles[key] = hashes;
            }
        }

        try
        {
            return compute((level, index) => TileBuilder.Subtree(tiles, level, index));
        }
        catch (InvalidOperationException e)
        {
            throw Inconsistent(e.Message);
        }
    }

    /// <summary>The chain's size and the last stored tile of each level, checked against the chain.</summary>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>, <c>log-tiles-inconsistent</c>: the tiles are not of this chain.</exception>
    private async Task<(long Size, List<(int Level, long Index, byte[] Hashes)> Last)> ReadLastTilesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.QueryAsync(SizeAndLastTiles, r => (Level: r.GetInt32(0), Index: r.GetInt64(1), Hashes: r.IsDBNull(2) ? [] : r.GetFieldValue<byte[]>(2)), cancellationToken)
            .ConfigureAwait(false);
        long size = rows.Single(r => r.Level == -1).Index;
        List<(int Level, long Index, byte[] Hashes)> last = [.. rows.Where(r => r.Level >= 0)];
        long stored = StoredSize(last);
        if (stored > size)
        {
            throw Inconsistent($"The stored tree holds {stored} leaves but the chain {size} events (the chain was restored or truncated without its tiles).");
        }

        if (stored > 0)
        {
            var lastTile = last.Single(t => t.Level == 0).Hashes;
            byte[]? eventHash = rows.SingleOrDefault(r => r.Level == -2).Hashes;
            if (eventHash is not { Length: HashLength } || !MerkleLog.LeafHash(eventHash).AsSpan().SequenceEqual(lastTile.AsSpan(lastTile.Length - HashLength)))
            {
                throw Inconsistent($"The stored tree's leaf {stored - 1} is not the hash of the chain's event {stored - 1} (the chain was rewritten or restored without its tiles).");
            }
        }

        return (size, last);
    }

    private static long StoredSize(List<(int Level, long Index, byte[] Hashes)> last) =>
        last.FirstOrDefault(t => t.Level == 0) is { Hashes: not null } tile && tile.Hashes.Length > 0 ? (tile.Index * TileBuilder.Width) + (tile.Hashes.Length / HashLength) : 0;

    private ReasoningGraphException Inconsistent(string problem) =>
        new(ErrorCodes.StoreUnavailable,
            $"The verifiable log of graph '{db.GraphId}' cannot be served: {problem} The tiles are derived from audit_events: " +
            $"delete them (DELETE FROM {_s}.log_tiles WHERE graph_id = '{db.GraphId}') and they are rebuilt on the next request; see docs/runbooks/verifiable-log.md.")
        {
            Details = new Dictionary<string, string> { ["reason"] = "log-tiles-inconsistent" },
        };

    /// <summary>
    /// Makes the stored tree hold at least <paramref name="treeSize"/> leaves; returns the last tile of each level and
    /// the tiles in <paramref name="keep"/>, as extended. Others are dropped as it goes, stored or not: a standby, which
    /// cannot store them, holds no more than a chunk's tiles however far behind the stored tree is.
    /// </summary>
    private async Task<Dictionary<(int Level, long Index), byte[]>> ExtendAsync(
        long treeSize, List<(int Level, long Index, byte[] Hashes)> last, HashSet<(int Level, long Index)> keep, CancellationToken cancellationToken)
    {
        var builder = new TileBuilder(last.ToDictionary(t => t.Level, t => (t.Index, t.Hashes)));
        var extended = last.ToDictionary(t => (t.Level, t.Index), t => t.Hashes);
        bool stored = true;
        while (builder.Size < treeSize)
        {
            long from = builder.Size, to = Math.Min(treeSize, from + ChunkEvents);
            var hashes = await db.QueryAsync(EventHashes, r => r.GetString(0), cancellationToken,
                InsertCommands.P("from", from), InsertCommands.P("to", to)).ConfigureAwait(false);
            if (hashes.Count != to - from)
            {
                throw Inconsistent($"The chain's events {from + 1} to {to} are not all stored (found {hashes.Count}): its positions have gaps.");
            }

            foreach (string hash in hashes)
            {
                builder.AppendLeaf(Convert.FromHexString(hash));
            }

            var changed = builder.TakeChanged();
            stored = stored && await TryStoreAsync(changed, cancellationToken).ConfigureAwait(false);
            foreach (var (key, tile) in changed)
            {
                extended[key] = tile;
            }

            var lastKeys = extended.Keys.GroupBy(k => k.Level).Select(g => g.MaxBy(k => k.Index)).ToHashSet();
            foreach (var key in extended.Keys.Where(k => !lastKeys.Contains(k) && !keep.Contains(k)).ToList())
            {
                extended.Remove(key);
            }
        }

        return extended;
    }

    /// <summary>
    /// Stores tiles, in (level, index) order so that hosts storing at once lock rows in one order; false when they
    /// could not be stored — a read-only connection (a standby), a role without write rights, or a lost race with
    /// another host — so the caller answers from its own: tiles are derived, the answer is right either way.
    /// </summary>
    private Task<bool> TryStoreAsync(Dictionary<(int Level, long Index), byte[]> tiles, CancellationToken cancellationToken) =>
        db.ExecuteAsync(Store, async command =>
        {
            var ordered = tiles.OrderBy(t => t.Key.Level).ThenBy(t => t.Key.Index).ToList();
            command.Parameters.Add(InsertCommands.P("levels", ordered.Select(t => (short)t.Key.Level).ToArray()));
            command.Parameters.Add(InsertCommands.P("idxs", ordered.Select(t => t.Key.Index).ToArray()));
            command.Parameters.Add(InsertCommands.P("hashes", ordered.Select(t => t.Value).ToArray()));
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.InsufficientPrivilege
                or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                return false;
            }
        }, cancellationToken);

    private async Task<List<((int Level, long Index) Key, byte[] Hashes)>> ReadTilesAsync(HashSet<(int Level, long Index)> keys, CancellationToken cancellationToken) =>
        await db.QueryAsync(Tiles, r => (((int)r.GetInt16(0), r.GetInt64(1)), r.GetFieldValue<byte[]>(2)), cancellationToken,
            InsertCommands.P("levels", keys.Select(k => (short)k.Level).ToArray()), InsertCommands.P("idxs", keys.Select(k => k.Index).ToArray()))
            .ConfigureAwait(false);
}
