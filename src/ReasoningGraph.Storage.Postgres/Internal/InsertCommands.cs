using Npgsql;
using NpgsqlTypes;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Builds the writes of one append as array-parameter statements (<c>INSERT … SELECT FROM unnest(…)</c>): one
/// statement per table however many rows, all sent in one batch with the head update.
/// </summary>
internal static class InsertCommands
{
    /// <summary>The inserts of the items themselves (which need no signature, so they can be sent while signing).</summary>
    public static void AddItems(NpgsqlBatch batch, SqlText sql, string graphId, ItemRows rows)
    {
        if (rows.Nodes.Count > 0)
        {
            batch.BatchCommands.Add(Nodes(sql, graphId, rows.Nodes));
        }

        if (rows.Edges.Count > 0)
        {
            batch.BatchCommands.Add(Edges(sql, graphId, rows.Edges));
        }

        if (rows.Annotations.Count > 0)
        {
            batch.BatchCommands.Add(Annotations(sql, graphId, rows.Annotations));
        }
    }

    /// <summary>The insert of the audit events and the head update (under the head lock the caller holds).</summary>
    public static void AddEvents(NpgsqlBatch batch, SqlText sql, string graphId, ItemRows rows, long maxSeq)
    {
        batch.BatchCommands.Add(Events(sql, graphId, rows));
        batch.BatchCommands.Add(UpdateHead(sql, graphId, rows.HeadAfter(maxSeq)));
    }

    /// <summary>
    /// The whole expected write, for a batch sent without a transaction: the guarded head update first
    /// (<see cref="SqlText.AdvanceExpectedHead"/>), then the items and their events.
    /// </summary>
    public static void AddExpectedWrite(NpgsqlBatch batch, SqlText sql, string graphId, ItemRows rows, HeadState expected, long maxSeq)
    {
        var after = rows.HeadAfter(maxSeq);
        batch.BatchCommands.Add(Command(sql.AdvanceExpectedHead, graphId,
            P("expected_max_seq", expected.MaxSeq), P("expected_position", expected.AuditPosition), Text("expected_hash", expected.Chain.Hash),
            P("ids", rows.EntityIds.ToArray()),
            P("max_seq", after.MaxSeq), P("position", after.AuditPosition), P("hash", after.Chain.Hash!), P("created_at", after.Chain.CreatedAt!.Value)));
        AddItems(batch, sql, graphId, rows);
        batch.BatchCommands.Add(Events(sql, graphId, rows));
    }

    public static NpgsqlBatchCommand UpdateHead(SqlText sql, string graphId, HeadState head) => Command(sql.UpdateHead, graphId,
        P("max_seq", head.MaxSeq), P("position", head.AuditPosition), P("hash", head.Chain.Hash!), P("created_at", head.Chain.CreatedAt!.Value));

    private static NpgsqlBatchCommand Nodes(SqlText sql, string graphId, List<ReasoningNode> nodes)
    {
        var payloadRaw = nodes.Select(n => TextRules.Raw(n.Payload)).ToArray();
        var metadataRaw = nodes.Select(n => TextRules.Raw(n.Metadata)).ToArray();
        return Command(sql.InsertNodes, graphId,
            P("id", nodes.Select(n => n.Id).ToArray()),
            P("seq", nodes.Select(n => n.Seq).ToArray()),
            P("type", nodes.Select(n => n.Type).ToArray()),
            P("author", nodes.Select(n => n.Author).ToArray()),
            P("created_at", nodes.Select(n => n.CreatedAt).ToArray()),
            Jsonb("payload", payloadRaw.Select(TextRules.ForJsonb).ToArray()),
            Jsonb("metadata", metadataRaw.Select(TextRules.ForJsonb).ToArray()),
            P("confidence", nodes.Select(n => ItemRows.Confidence(n.Metadata)).ToArray()),
            P("payload_raw", payloadRaw),
            P("metadata_raw", metadataRaw),
            Text("version", nodes.Select(n => n.Version).ToArray()),
            Text("manifest_signature_id", nodes.Select(n => n.ManifestSignatureId).ToArray()),
            Text("audit_event_id", nodes.Select(n => n.AuditEventId).ToArray()));
    }

    private static NpgsqlBatchCommand Edges(SqlText sql, string graphId, List<ReasoningEdge> edges)
    {
        var metadataRaw = edges.Select(e => TextRules.Raw(e.Metadata)).ToArray();
        return Command(sql.InsertEdges, graphId,
            P("id", edges.Select(e => e.Id).ToArray()),
            P("seq", edges.Select(e => e.Seq).ToArray()),
            P("from_id", edges.Select(e => e.From).ToArray()),
            P("to_id", edges.Select(e => e.To).ToArray()),
            P("type", edges.Select(e => e.Type).ToArray()),
            P("weight", edges.Select(e => e.Weight).ToArray()),
            P("created_at", edges.Select(e => e.CreatedAt).ToArray()),
            Jsonb("metadata", metadataRaw.Select(TextRules.ForJsonb).ToArray()),
            P("metadata_raw", metadataRaw),
            Text("audit_event_id", edges.Select(e => e.AuditEventId).ToArray()));
    }

    private static NpgsqlBatchCommand Annotations(SqlText sql, string graphId, List<ReasoningAnnotation> annotations)
    {
        var payloadRaw = annotations.Select(a => TextRules.Raw(a.Payload)).ToArray();
        return Command(sql.InsertAnnotations, graphId,
            P("id", annotations.Select(a => a.Id).ToArray()),
            P("seq", annotations.Select(a => a.Seq).ToArray()),
            P("target_id", annotations.Select(a => a.TargetId).ToArray()),
            P("target_type", annotations.Select(ItemRows.TargetType).ToArray()),
            P("annotation_type", annotations.Select(a => a.AnnotationType).ToArray()),
            P("author", annotations.Select(a => a.Author).ToArray()),
            P("created_at", annotations.Select(a => a.CreatedAt).ToArray()),
            Jsonb("payload", payloadRaw.Select(TextRules.ForJsonb).ToArray()),
            P("payload_raw", payloadRaw));
    }

    private static NpgsqlBatchCommand Events(SqlText sql, string graphId, ItemRows rows)
    {
        var events = rows.Events;
        long firstPosition = rows.FirstPosition;
        return Command(sql.InsertAuditEvents, graphId,
            P("id", events.Select(e => e.Id).ToArray()),
            P("position", events.Select((_, i) => firstPosition + i).ToArray()),
            P("event_type", events.Select(e => e.EventType).ToArray()),
            Jsonb("payload", events.Select(e => (string?)System.Text.Encoding.UTF8.GetString(e.Payload.Span)).ToArray()),
            P("hash", events.Select(e => e.Hash).ToArray()),
            Text("prev_hash", events.Select(e => e.PrevHash).ToArray()),
            P("signature", events.Select(e => e.Signature).ToArray()),
            P("signer_id", events.Select(e => e.SignerId).ToArray()),
            P("created_at", events.Select(e => e.CreatedAt).ToArray()),
            P("entity_id", rows.EntityIds.ToArray()));
    }

    public static NpgsqlBatchCommand Command(string sql, string graphId, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(P("g", graphId));
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlParameter P<T>(string name, T value) => new NpgsqlParameter<T>(name, value);

    private static NpgsqlParameter<string?> Text(string name, string? value) =>
        new NpgsqlParameter<string?>(name, NpgsqlDbType.Text) { TypedValue = value };

    private static NpgsqlParameter<string?[]> Text(string name, string?[] values) =>
        new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values };

    private static NpgsqlParameter<string?[]> Jsonb(string name, string?[] values) =>
        new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { TypedValue = values };
}
