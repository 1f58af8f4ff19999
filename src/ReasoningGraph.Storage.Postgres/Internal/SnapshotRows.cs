using System.Text;
using Npgsql;
using NpgsqlTypes;
using ReasoningGraph.Archive.Export;
using ReasoningGraph.Audit;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>Reads <c>snapshots</c> rows (in the column order of <see cref="SnapshotSql"/>) and builds the snapshot commands.</summary>
internal static class SnapshotRows
{
    public static string Audience(SnapshotAudience audience) => audience == SnapshotAudience.Auditor ? "auditor" : "operator";

    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string graphId, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(InsertCommands.P("g", graphId));
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlBatchCommand AuditEventCommand(string sql, string graphId, AuditEvent e, long position, Guid entityId) =>
        InsertCommands.Command(sql, graphId,
            InsertCommands.P("id", e.Id),
            InsertCommands.P("position", position),
            InsertCommands.P("event_type", e.EventType),
            InsertCommands.P("payload", Encoding.UTF8.GetString(e.Payload.Span)),
            InsertCommands.P("hash", e.Hash),
            new NpgsqlParameter<string?>("prev_hash", NpgsqlDbType.Text) { TypedValue = e.PrevHash },
            InsertCommands.P("signature", e.Signature),
            InsertCommands.P("signer_id", e.SignerId),
            InsertCommands.P("created_at", e.CreatedAt),
            InsertCommands.P("entity_id", entityId));

    public static async Task<StoredSnapshot?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public static async Task<IReadOnlyList<StoredSnapshot>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var rows = new List<StoredSnapshot>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>Reads the rows of <see cref="SnapshotSql.SignedAfter"/>: the snapshot, then its audit position and time.</summary>
    public static async Task<IReadOnlyList<SequencedSnapshot>> ReadSequencedAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var rows = new List<SequencedSnapshot>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SequencedSnapshot(reader.GetInt64(14), reader.GetFieldValue<DateTimeOffset>(15), Read(reader)));
        }

        return rows;
    }

    /// <summary>Reads the rows of <see cref="SnapshotWorkSql.Claim"/>: a snapshot and its attempt count.</summary>
    public static async Task<List<SnapshotWorkItem>> ReadWorkAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var rows = new List<SnapshotWorkItem>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SnapshotWorkItem(Read(reader), reader.GetInt32(14)));
        }

        return rows;
    }

    /// <summary>Reads the row of <see cref="SnapshotSql.LockForSigning"/>: the snapshot without bytes, and the hash of its signed bytes.</summary>
    public static async Task<(StoredSnapshot Snapshot, string SignedBytesHash)?> ReadForSigningAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (Read(reader), reader.GetString(14)) : null;
    }

    /// <summary>The same snapshot, on hold.</summary>
    public static StoredSnapshot OnHold(StoredSnapshot s) => new()
    {
        Id = s.Id, RequestId = s.RequestId, RootIds = s.RootIds, Depth = s.Depth, Audience = s.Audience, CreatedAt = s.CreatedAt,
        Actor = s.Actor, Status = SnapshotStatus.OnHold, SignedBytes = s.SignedBytes,
    };

    /// <summary>The <c>status</c> column's value as a <see cref="SnapshotStatus"/>.</summary>
    public static SnapshotStatus Status(string status) => status switch
    {
        "signed" => SnapshotStatus.Signed,
        "on_hold" => SnapshotStatus.OnHold,
        _ => SnapshotStatus.Pending,
    };

    /// <summary>The same snapshot carrying <paramref name="signedBytes"/> (checked by hash to be the stored ones).</summary>
    public static StoredSnapshot WithSignedBytes(StoredSnapshot s, ReadOnlyMemory<byte> signedBytes) => new()
    {
        Id = s.Id, RequestId = s.RequestId, RootIds = s.RootIds, Depth = s.Depth, Audience = s.Audience, CreatedAt = s.CreatedAt,
        Actor = s.Actor, Status = s.Status, SignedBytes = signedBytes,
    };

    /// <summary>Whether <paramref name="signed"/>'s document is exactly its signed bytes with its proof spliced in, so the row needs no <c>document</c>.</summary>
    public static bool IsRebuildable(SignedSnapshot signed) =>
        SnapshotDocumentSigner.AssembleDocument(signed.SignedBytes.Span, signed.Digest.Span, signed.SignerId, signed.Signature.Span)
            .AsSpan().SequenceEqual(signed.Document.Span);

    private static StoredSnapshot Read(NpgsqlDataReader reader)
    {
        var status = Status(reader.GetString(7));
        byte[]? signedBytes = reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8);
        string? hash = reader.IsDBNull(10) ? null : reader.GetString(10);
        string? signerId = reader.IsDBNull(11) ? null : reader.GetString(11);
        string? signature = reader.IsDBNull(12) ? null : reader.GetString(12);
        return new StoredSnapshot
        {
            Id = reader.GetGuid(0),
            RequestId = reader.IsDBNull(1) ? null : reader.GetString(1),
            RootIds = reader.GetFieldValue<Guid[]>(2),
            Depth = reader.GetInt32(3),
            Audience = reader.GetString(4) == "auditor" ? SnapshotAudience.Auditor : SnapshotAudience.Operator,
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(5),
            Actor = reader.GetString(6),
            Status = status,
            SignedBytes = signedBytes,
            Document = !reader.IsDBNull(9) ? reader.GetFieldValue<byte[]>(9)
                : status == SnapshotStatus.Signed && signedBytes is not null
                    ? SnapshotDocumentSigner.AssembleDocument(signedBytes, Convert.FromHexString(hash!), signerId!, Convert.FromBase64String(signature!))
                    : ReadOnlyMemory<byte>.Empty,
            Hash = hash,
            SignerId = signerId,
            Signature = signature,
            AuditEventId = reader.IsDBNull(13) ? null : reader.GetGuid(13),
        };
    }
}
