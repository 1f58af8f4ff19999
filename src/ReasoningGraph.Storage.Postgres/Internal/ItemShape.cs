namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// The one row shape every item read uses, whatever its kind, so a single statement can return nodes, edges and
/// annotations together (a frontier's edges and far nodes; an export in seq order). See <see cref="ItemReader"/>.
/// </summary>
internal static class ItemShape
{
    public const int Kind = 0, Id = 1, Seq = 2, CreatedAt = 3, Type = 4, Author = 5, PayloadRaw = 6, MetadataRaw = 7,
        Version = 8, ManifestSignatureId = 9, AuditEventId = 10, From = 11, To = 12, Weight = 13, TargetId = 14, TargetType = 15;

    public const string Node =
        "1, n.id, n.seq, n.created_at, n.type, n.author, n.payload_raw, n.metadata_raw, n.version, n.manifest_signature_id, n.audit_event_id, " +
        "NULL::uuid, NULL::uuid, NULL::float8, NULL::uuid, NULL::text";

    public const string Edge =
        "2, e.id, e.seq, e.created_at, e.type, NULL::text, NULL::bytea, e.metadata_raw, NULL::text, NULL::text, e.audit_event_id, " +
        "e.from_id, e.to_id, e.weight, NULL::uuid, NULL::text";

    /// <summary>The marker row of a result that is not returned (too large); its kind is 0.</summary>
    public const string TooLarge =
        "0, NULL::uuid, NULL::int8, NULL::timestamptz, NULL::text, NULL::text, NULL::bytea, NULL::bytea, NULL::text, NULL::text, NULL::text, " +
        "NULL::uuid, NULL::uuid, NULL::float8, NULL::uuid, NULL::text";

    public const string Annotation =
        "3, a.id, a.seq, a.created_at, a.annotation_type, a.author, a.payload_raw, NULL::bytea, NULL::text, NULL::text, NULL::text, " +
        "NULL::uuid, NULL::uuid, NULL::float8, a.target_id, a.target_type";
}
