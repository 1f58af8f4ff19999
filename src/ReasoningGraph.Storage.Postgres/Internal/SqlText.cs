using ReasoningGraph.Traversal;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// The store's SQL, with every table qualified by the configured schema (a validated lowercase identifier), so a
/// caller-supplied data source needs no particular search_path. Parameter <c>@g</c> is always the graph id.
/// </summary>
internal sealed class SqlText(string schema)
{
    private readonly string _s = "\"" + schema + "\"";

    public string EnsureHead => $"INSERT INTO {_s}.graph_heads (graph_id) VALUES (@g) ON CONFLICT DO NOTHING";

    public string MaxSeq => $"SELECT max_seq FROM {_s}.graph_heads WHERE graph_id = @g";

    public string LockHead =>
        $"SELECT max_seq, audit_position, audit_hash, audit_created_at FROM {_s}.graph_heads WHERE graph_id = @g FOR UPDATE";

    public string UpdateHead =>
        $"UPDATE {_s}.graph_heads SET max_seq = @max_seq, audit_position = @position, audit_hash = @hash, audit_created_at = @created_at WHERE graph_id = @g";

    /// <summary>
    /// The head update of the expected write: moves the head from <c>@expected_max_seq</c>/<c>@expected_position</c>/
    /// <c>@expected_hash</c> (the hash too: a head restored to an earlier point and written again can be back at the same
    /// numbers on another history) when it is still there and none of <c>@ids</c> is stored, and otherwise sets <c>max_seq</c> to NULL, which the
    /// column refuses (23502), so the statement fails and with it the whole batch (one implicit transaction). The row
    /// lock orders it with every other writer; a writer that committed first has moved the head, so the check fails.
    /// When there is no head row at all (a restore to before the graph existed), the update touches nothing and the
    /// INSERT of a NULL <c>max_seq</c> fails the batch the same way.
    /// </summary>
    public string AdvanceExpectedHead =>
        $"WITH advanced AS (UPDATE {_s}.graph_heads SET max_seq = CASE WHEN max_seq = @expected_max_seq AND audit_position = @expected_position " +
        "AND audit_hash IS NOT DISTINCT FROM @expected_hash " +
        $"AND NOT EXISTS (SELECT 1 FROM {_s}.nodes WHERE graph_id = @g AND id = ANY(@ids)) " +
        $"AND NOT EXISTS (SELECT 1 FROM {_s}.edges WHERE graph_id = @g AND id = ANY(@ids)) " +
        $"AND NOT EXISTS (SELECT 1 FROM {_s}.annotations WHERE graph_id = @g AND id = ANY(@ids)) THEN @max_seq END, " +
        "audit_position = @position, audit_hash = @hash, audit_created_at = @created_at WHERE graph_id = @g RETURNING 1) " +
        $"INSERT INTO {_s}.graph_heads (graph_id, max_seq) SELECT @g, NULL WHERE NOT EXISTS (SELECT 1 FROM advanced)";

    /// <summary>Items of any kind by id (<c>@ids</c> uuid[]), whatever their seq.</summary>
    /// <remarks>
    /// No <c>seq &lt;= @as_of</c> here (callers drop newer items themselves): with it, a plan made while a table was small
    /// (a fresh deployment, before autovacuum's first analyze; and auto-prepared plans are kept) probes the
    /// <c>(graph_id, seq)</c> index and filters the whole graph by id, so every write's lookup grew with the graph.
    /// With only the id condition the primary key is the one index that fits.
    /// </remarks>
    public string ItemsById =>
        $"SELECT {ItemShape.Node} FROM {_s}.nodes n WHERE n.graph_id = @g AND n.id = ANY(@ids) " +
        $"UNION ALL SELECT {ItemShape.Edge} FROM {_s}.edges e WHERE e.graph_id = @g AND e.id = ANY(@ids) " +
        $"UNION ALL SELECT {ItemShape.Annotation} FROM {_s}.annotations a WHERE a.graph_id = @g AND a.id = ANY(@ids)";

    /// <summary>Every item with <c>@after</c> &lt; seq ≤ <c>@as_of</c>, in seq order (a merge of three index scans).</summary>
    public string ItemsBySeq =>
        $"SELECT {ItemShape.Node} FROM {_s}.nodes n WHERE n.graph_id = @g AND n.seq > @after AND n.seq <= @as_of " +
        $"UNION ALL SELECT {ItemShape.Edge} FROM {_s}.edges e WHERE e.graph_id = @g AND e.seq > @after AND e.seq <= @as_of " +
        $"UNION ALL SELECT {ItemShape.Annotation} FROM {_s}.annotations a WHERE a.graph_id = @g AND a.seq > @after AND a.seq <= @as_of " +
        "ORDER BY 3";

    public string AnnotationsByTarget =>
        $"SELECT {ItemShape.Annotation} FROM {_s}.annotations a WHERE a.graph_id = @g AND a.target_id = ANY(@ids) AND a.seq <= @as_of ORDER BY a.seq";

    /// <summary>The edge columns <see cref="ItemShape.Edge"/> reads, kept by the frontier and closure CTEs (not <c>e.*</c>: the jsonb copy is not read).</summary>
    private const string EdgeColumns = "e.id, e.seq, e.created_at, e.type, e.metadata_raw, e.audit_event_id, e.from_id, e.to_id, e.weight";

    /// <summary>
    /// One statement for a whole frontier: the matching edges (<c>@frontier</c> uuid[]) and, once each, their far-end
    /// nodes. Optional filters: <c>@types</c> text[], <c>@min_weight</c>, <c>@min_confidence</c> (on the far node).
    /// </summary>
    public string Frontier(TraversalDirection direction, bool types, bool minWeight, bool minConfidence)
    {
        var (near, far) = direction == TraversalDirection.Ancestors ? ("to_id", "from_id") : ("from_id", "to_id");
        var join = minConfidence ? $" JOIN {_s}.nodes f ON f.graph_id = e.graph_id AND f.id = e.{far} AND f.confidence >= @min_confidence" : string.Empty;
        return $"WITH e AS MATERIALIZED (SELECT {EdgeColumns}, e.{far} AS far FROM {_s}.edges e{join} " +
            $"WHERE e.graph_id = @g AND e.{near} = ANY(@frontier) AND e.seq <= @as_of" +
            (types ? " AND e.type = ANY(@types)" : string.Empty) +
            (minWeight ? " AND e.weight >= @min_weight" : string.Empty) + ") " +
            $"SELECT {ItemShape.Edge} FROM e " +
            $"UNION ALL SELECT {ItemShape.Node} FROM {_s}.nodes n WHERE n.graph_id = @g AND n.id IN (SELECT far FROM e)";
    }

    /// <summary>
    /// The closure of <c>@frontier</c> (the roots) in one statement: a recursive CTE of the node ids reachable through
    /// matching edges (UNION drops ids seen in any earlier iteration: a visited set, one iteration per level), capped
    /// at <c>@cap</c> + 1 ids (the recursion stops early), then the <see cref="Frontier"/> of all of them (the far nodes
    /// looked up by an array of distinct ids, which measured about 10% faster than a semi-join on a 1,000-node closure);
    /// when the closure exceeds <c>@cap</c> the only row is a marker with kind 0.
    /// </summary>
    public string Closure(TraversalDirection direction, bool types, bool minWeight, bool minConfidence)
    {
        var (near, far) = direction == TraversalDirection.Ancestors ? ("to_id", "from_id") : ("from_id", "to_id");
        var join = minConfidence ? $" JOIN {_s}.nodes f ON f.graph_id = e.graph_id AND f.id = e.{far} AND f.confidence >= @min_confidence" : string.Empty;
        var filters = "e.seq <= @as_of" + (types ? " AND e.type = ANY(@types)" : string.Empty) + (minWeight ? " AND e.weight >= @min_weight" : string.Empty);
        return $"WITH RECURSIVE walk(id) AS (SELECT unnest(@frontier::uuid[]) " +
            $"UNION SELECT e.{far} FROM walk w JOIN {_s}.edges e ON e.graph_id = @g AND e.{near} = w.id AND {filters}{join}), " +
            "c AS MATERIALIZED (SELECT id FROM walk LIMIT @cap + 1), " +
            "fits AS MATERIALIZED (SELECT count(*) <= @cap AS ok FROM c), " +
            $"e AS MATERIALIZED (SELECT {EdgeColumns}, e.{far} AS far FROM {_s}.edges e{join} " +
            $"WHERE (SELECT ok FROM fits) AND e.graph_id = @g AND e.{near} = ANY(ARRAY(SELECT id FROM c)) AND {filters}) " +
            $"SELECT {ItemShape.Edge} FROM e " +
            $"UNION ALL SELECT {ItemShape.Node} FROM {_s}.nodes n WHERE n.graph_id = @g AND n.id = ANY(ARRAY(SELECT DISTINCT far FROM e)) " +
            $"UNION ALL SELECT {ItemShape.TooLarge} WHERE NOT (SELECT ok FROM fits)";
    }

    /// <summary>A keyset page of nodes; <paramref name="conditions"/> are ANDed (each uses its own parameter).</summary>
    public string QueryNodes(IEnumerable<string> conditions) =>
        $"SELECT {ItemShape.Node} FROM {_s}.nodes n WHERE n.graph_id = @g AND n.seq > @after AND n.seq <= @as_of" +
        string.Concat(conditions.Select(c => " AND " + c)) + " ORDER BY n.seq LIMIT @limit";

    public string InsertNodes =>
        $"INSERT INTO {_s}.nodes (graph_id, id, seq, type, author, created_at, payload, metadata, confidence, payload_raw, metadata_raw, " +
        "version, manifest_signature_id, audit_event_id) " +
        "SELECT @g, * FROM unnest(@id, @seq, @type, @author, @created_at, @payload, @metadata, @confidence, @payload_raw, @metadata_raw, " +
        "@version, @manifest_signature_id, @audit_event_id)";

    public string InsertEdges =>
        $"INSERT INTO {_s}.edges (graph_id, id, seq, from_id, to_id, type, weight, created_at, metadata, metadata_raw, audit_event_id) " +
        "SELECT @g, * FROM unnest(@id, @seq, @from_id, @to_id, @type, @weight, @created_at, @metadata, @metadata_raw, @audit_event_id)";

    public string InsertAnnotations =>
        $"INSERT INTO {_s}.annotations (graph_id, id, seq, target_id, target_type, annotation_type, author, created_at, payload, payload_raw) " +
        "SELECT @g, * FROM unnest(@id, @seq, @target_id, @target_type, @annotation_type, @author, @created_at, @payload, @payload_raw)";

    public string InsertAuditEvents =>
        $"INSERT INTO {_s}.audit_events (graph_id, id, position, event_type, payload, hash, prev_hash, signature, signer_id, created_at, entity_id) " +
        "SELECT @g, * FROM unnest(@id, @position, @event_type, @payload, @hash, @prev_hash, @signature, @signer_id, @created_at, @entity_id)";

    public string CopyNodes =>
        $"COPY {_s}.nodes (graph_id, id, seq, type, author, created_at, payload, metadata, confidence, payload_raw, metadata_raw, " +
        "version, manifest_signature_id, audit_event_id) FROM STDIN (FORMAT BINARY)";

    public string CopyEdges =>
        $"COPY {_s}.edges (graph_id, id, seq, from_id, to_id, type, weight, created_at, metadata, metadata_raw, audit_event_id) FROM STDIN (FORMAT BINARY)";

    public string CopyAnnotations =>
        $"COPY {_s}.annotations (graph_id, id, seq, target_id, target_type, annotation_type, author, created_at, payload, payload_raw) " +
        "FROM STDIN (FORMAT BINARY)";

    public string CopyAuditEvents =>
        $"COPY {_s}.audit_events (graph_id, id, position, event_type, payload, hash, prev_hash, signature, signer_id, created_at, entity_id) " +
        "FROM STDIN (FORMAT BINARY)";

    /// <summary>The graph's audit events in created_at order, as the Kernel's verifier reads them; <c>@limit</c> (null: all) caps the count.</summary>
    public string AuditEvents =>
        $"SELECT id, event_type, payload::text, hash, prev_hash, signature, signer_id, created_at FROM {_s}.audit_events " +
        "WHERE graph_id = @g ORDER BY created_at LIMIT @limit";

    /// <summary>Claims the oldest events awaiting a signature (other writers' claims skipped), columns as <see cref="AuditEvents"/>.</summary>
    public string ClaimUnsignedAuditEvents =>
        $"SELECT id, event_type, payload::text, hash, prev_hash, signature, signer_id, created_at FROM {_s}.audit_events " +
        "WHERE graph_id = @g AND signature IS NULL ORDER BY position LIMIT @limit FOR UPDATE SKIP LOCKED";

    public string SetAuditSignatures =>
        $"UPDATE {_s}.audit_events a SET signature = u.signature, signer_id = @signer_id " +
        "FROM unnest(@ids, @signatures) AS u(id, signature) WHERE a.graph_id = @g AND a.id = u.id AND a.signature IS NULL";


    /// <summary>Each switch's latest change (its state), with the columns of <see cref="InsertControlChange"/>.</summary>
    public string LatestControlChanges =>
        $"SELECT DISTINCT ON (control) control, enabled, reason, actor, changed_at, audit_event_id FROM {_s}.graph_control_changes " +
        "WHERE graph_id = @g ORDER BY control, changed_at DESC";

    public string InsertControlChange =>
        $"INSERT INTO {_s}.graph_control_changes (graph_id, id, control, enabled, reason, actor, changed_at, audit_event_id) " +
        "VALUES (@g, @id, @control, @enabled, @reason, @actor, @changed_at, @audit_event_id)";

    /// <summary>A hold puts every pending snapshot on hold; its release queues them all again, due at once.</summary>
    public string HoldPendingSnapshots => $"UPDATE {_s}.snapshots SET status = 'on_hold' WHERE graph_id = @g AND status = 'pending'";

    public string ReleaseHeldSnapshots =>
        $"UPDATE {_s}.snapshots SET status = 'pending', next_attempt_at = NULL WHERE graph_id = @g AND status = 'on_hold'";

    /// <summary>The graph's audit head position, pending signatures and the oldest pending one's time.</summary>
    public string AuditStatus =>
        $"SELECT coalesce((SELECT audit_position FROM {_s}.graph_heads WHERE graph_id = @g), 0), count(*), min(created_at) " +
        $"FROM {_s}.audit_events WHERE graph_id = @g AND signature IS NULL";

    /// <summary>Snapshots pending and on hold, and the oldest signed one not yet archived.</summary>
    public string SnapshotBacklog =>
        "SELECT count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'on_hold'), " +
        $"min(created_at) FILTER (WHERE status = 'signed' AND archived_at IS NULL) FROM {_s}.snapshots " +
        "WHERE graph_id = @g AND (status IN ('pending', 'on_hold') OR archived_at IS NULL)";
}
