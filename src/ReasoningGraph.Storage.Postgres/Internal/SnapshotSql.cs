namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>The snapshot statements, schema-qualified like <see cref="SqlText"/>. Parameter <c>@g</c> is the graph id.</summary>
internal sealed class SnapshotSql(string schema)
{
    public const string Columns =
        "id, request_id, root_ids, depth, audience, created_at, actor, status, signed_bytes, document, hash, signer_kid, signature, audit_event_id";

    private readonly string _s = "\"" + schema + "\"";

    private static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + c));

    /// <summary>
    /// Inserts a snapshot to sign unless its request id is taken — <c>pending</c>, or <c>on_hold</c> while signing is
    /// held — and returns its status, or no row (the megabytes are not sent back).
    /// </summary>
    public string InsertPending =>
        $"INSERT INTO {_s}.snapshots (graph_id, id, request_id, root_ids, depth, audience, created_at, actor, status, signed_bytes) " +
        $"VALUES (@g, @id, @request_id, @root_ids, @depth, @audience, @created_at, @actor, CASE WHEN ({SigningHeld}) THEN 'on_hold' ELSE 'pending' END, @signed_bytes) " +
        $"ON CONFLICT (graph_id, request_id) WHERE request_id IS NOT NULL DO NOTHING RETURNING status";

    /// <summary>True while the graph's signing is held: its latest signing_hold change turned it on.</summary>
    public string SigningHeld =>
        $"SELECT coalesce((SELECT enabled FROM {_s}.graph_control_changes WHERE graph_id = @g AND control = 'signing_hold' " +
        "ORDER BY changed_at DESC LIMIT 1), false)";

    /// <summary>Puts one snapshot on hold (signing was held while it was being signed).</summary>
    public string PutOnHold => $"UPDATE {_s}.snapshots SET status = 'on_hold' WHERE graph_id = @g AND id = @id AND status = 'pending'";

    public string ById => $"SELECT {Columns} FROM {_s}.snapshots WHERE graph_id = @g AND id = @id";

    /// <summary>
    /// The row locked against a concurrent completion, without its megabytes: <c>signed_bytes</c> and <c>document</c>
    /// come back null and a 15th column holds the hex SHA-256 of <c>signed_bytes</c>, to check the document against.
    /// </summary>
    public string LockForSigning =>
        $"SELECT {Columns.Replace("signed_bytes, document", "NULL::bytea, NULL::bytea", StringComparison.Ordinal)}, " +
        $"encode(sha256(signed_bytes), 'hex') FROM {_s}.snapshots WHERE graph_id = @g AND id = @id FOR UPDATE";

    public string LatestSignedByRoot =>
        $"SELECT {Columns} FROM {_s}.snapshots WHERE graph_id = @g AND status = 'signed' AND @root = ANY(root_ids) ORDER BY created_at DESC, id DESC LIMIT 1";

    public string ByRequestId => $"SELECT {Columns} FROM {_s}.snapshots WHERE graph_id = @g AND request_id = @request_id";

    public string Pending =>
        $"SELECT {Columns} FROM {_s}.snapshots WHERE graph_id = @g AND status = 'pending' ORDER BY created_at, id LIMIT @limit";

    /// <summary>
    /// Signed snapshots of one audience after an export watermark, in signing order: the position and time of each
    /// one's <c>reason.snapshot.created</c> event (assigned under the graph-head lock, so a later commit never gets a
    /// smaller position) are the last two columns.
    /// </summary>
    public string SignedAfter =>
        $"SELECT {Prefixed("s.")}, a.position, a.created_at FROM {_s}.audit_events a " +
        $"JOIN {_s}.snapshots s ON s.graph_id = a.graph_id AND s.id = a.entity_id AND s.audit_event_id = a.id " +
        "WHERE a.graph_id = @g AND a.position > @after AND a.event_type = 'reason.snapshot.created' AND s.status = 'signed' AND s.audience = @audience " +
        "ORDER BY a.position LIMIT @limit";

    public string AnySignedAfter =>
        $"SELECT EXISTS (SELECT 1 FROM {_s}.audit_events a JOIN {_s}.snapshots s ON s.graph_id = a.graph_id AND s.id = a.entity_id AND s.audit_event_id = a.id " +
        "WHERE a.graph_id = @g AND a.position > @after AND a.event_type = 'reason.snapshot.created' AND s.status = 'signed' AND s.audience = @audience)";

    public string MarkSigned =>
        $"UPDATE {_s}.snapshots SET status = 'signed', document = @document, hash = @hash, signer_kid = @signer_kid, signature = @signature, " +
        "audit_event_id = @audit_event_id WHERE graph_id = @g AND id = @id AND status = 'pending'";

    public string InsertAuditEvent =>
        $"INSERT INTO {_s}.audit_events (graph_id, id, position, event_type, payload, hash, prev_hash, signature, signer_id, created_at, entity_id) " +
        "VALUES (@g, @id, @position, @event_type, @payload::jsonb, @hash, @prev_hash, @signature, @signer_id, @created_at, @entity_id)";

    /// <summary>Advances the audit chain only: a snapshot is not a graph item and takes no seq.</summary>
    public string UpdateAuditHead =>
        $"UPDATE {_s}.graph_heads SET audit_position = @position, audit_hash = @hash, audit_created_at = @created_at WHERE graph_id = @g";
}
