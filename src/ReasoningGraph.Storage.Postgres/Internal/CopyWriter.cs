using Npgsql;
using NpgsqlTypes;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>Writes <see cref="ItemRows"/> with binary COPY, one stream per table (the bulk path of imports).</summary>
internal static class CopyWriter
{
    /// <summary>Copies the items (nodes, edges, annotations): what needs no signature, so it can run while signing.</summary>
    public static async Task WriteItemsAsync(NpgsqlConnection connection, SqlText sql, string graphId, ItemRows rows, CancellationToken cancellationToken)
    {
        if (rows.Nodes.Count > 0)
        {
            await CopyAsync(connection, sql.CopyNodes, rows.Nodes, async (w, n) =>
            {
                var payload = TextRules.Raw(n.Payload);
                var metadata = TextRules.Raw(n.Metadata);
                await Value(w, graphId, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, n.Id, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await Value(w, n.Seq, NpgsqlDbType.Bigint).ConfigureAwait(false);
                await Value(w, n.Type, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, n.Author, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, n.CreatedAt, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
                await Value(w, TextRules.ForJsonb(payload), NpgsqlDbType.Jsonb).ConfigureAwait(false);
                await Value(w, TextRules.ForJsonb(metadata), NpgsqlDbType.Jsonb).ConfigureAwait(false);
                await Value(w, ItemRows.Confidence(n.Metadata), NpgsqlDbType.Double).ConfigureAwait(false);
                await Value(w, payload, NpgsqlDbType.Bytea).ConfigureAwait(false);
                await Value(w, metadata, NpgsqlDbType.Bytea).ConfigureAwait(false);
                await Value(w, n.Version, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, n.ManifestSignatureId, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, n.AuditEventId, NpgsqlDbType.Text).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        if (rows.Edges.Count > 0)
        {
            await CopyAsync(connection, sql.CopyEdges, rows.Edges, async (w, e) =>
            {
                var metadata = TextRules.Raw(e.Metadata);
                await Value(w, graphId, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, e.Id, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await Value(w, e.Seq, NpgsqlDbType.Bigint).ConfigureAwait(false);
                await Value(w, e.From, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await Value(w, e.To, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await Value(w, e.Type, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, e.Weight, NpgsqlDbType.Double).ConfigureAwait(false);
                await Value(w, e.CreatedAt, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
                await Value(w, TextRules.ForJsonb(metadata), NpgsqlDbType.Jsonb).ConfigureAwait(false);
                await Value(w, metadata, NpgsqlDbType.Bytea).ConfigureAwait(false);
                await Value(w, e.AuditEventId, NpgsqlDbType.Text).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        if (rows.Annotations.Count > 0)
        {
            await CopyAsync(connection, sql.CopyAnnotations, rows.Annotations, async (w, a) =>
            {
                var payload = TextRules.Raw(a.Payload);
                await Value(w, graphId, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, a.Id, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await Value(w, a.Seq, NpgsqlDbType.Bigint).ConfigureAwait(false);
                await Value(w, a.TargetId, NpgsqlDbType.Uuid).ConfigureAwait(false);
                await Value(w, ItemRows.TargetType(a), NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, a.AnnotationType, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, a.Author, NpgsqlDbType.Text).ConfigureAwait(false);
                await Value(w, a.CreatedAt, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
                await Value(w, TextRules.ForJsonb(payload), NpgsqlDbType.Jsonb).ConfigureAwait(false);
                await Value(w, payload, NpgsqlDbType.Bytea).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

    }

    /// <summary>Copies the signed audit events of <paramref name="rows"/>.</summary>
    public static async Task WriteEventsAsync(NpgsqlConnection connection, SqlText sql, string graphId, ItemRows rows, CancellationToken cancellationToken)
    {
        var events = rows.Events.Select((e, i) => (Event: e, Position: rows.FirstPosition + i, Entity: rows.EntityIds[i])).ToList();
        await CopyAsync(connection, sql.CopyAuditEvents, events, async (w, r) =>
        {
            await Value(w, graphId, NpgsqlDbType.Text).ConfigureAwait(false);
            await Value(w, r.Event.Id, NpgsqlDbType.Uuid).ConfigureAwait(false);
            await Value(w, r.Position, NpgsqlDbType.Bigint).ConfigureAwait(false);
            await Value(w, r.Event.EventType, NpgsqlDbType.Text).ConfigureAwait(false);
            await Value(w, System.Text.Encoding.UTF8.GetString(r.Event.Payload.Span), NpgsqlDbType.Jsonb).ConfigureAwait(false);
            await Value(w, r.Event.Hash, NpgsqlDbType.Text).ConfigureAwait(false);
            await Value(w, r.Event.PrevHash, NpgsqlDbType.Text).ConfigureAwait(false);
            await Value(w, r.Event.Signature, NpgsqlDbType.Text).ConfigureAwait(false);
            await Value(w, r.Event.SignerId, NpgsqlDbType.Text).ConfigureAwait(false);
            await Value(w, r.Event.CreatedAt, NpgsqlDbType.TimestampTz).ConfigureAwait(false);
            await Value(w, r.Entity, NpgsqlDbType.Uuid).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string copySql, IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, Task> writeRow, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(copySql, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writeRow(importer, row).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task Value<T>(NpgsqlBinaryImporter writer, T value, NpgsqlDbType type) =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value, type);
}
