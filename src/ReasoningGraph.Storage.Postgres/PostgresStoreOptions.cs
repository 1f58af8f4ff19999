namespace ReasoningGraph.Storage.Postgres;

/// <summary>Settings of the PostgreSQL store. Validated at start-up (<see cref="PostgresStoreOptionsValidator"/>).</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>
    /// The Npgsql connection string (<c>Host=…;Port=…;Username=…;Database=…</c>). Required unless the store is
    /// given an <c>NpgsqlDataSource</c>. Default: null.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Standbys that serve reads (an Npgsql connection string; several hosts allowed), or null for none. A read at a
    /// seq (every read the service makes is at one) goes to a standby when the standby has replayed that seq, which it
    /// checks in the same round trip, and otherwise to the primary; so a client reading its own write, or paging
    /// with a cursor minted on the primary, never misses anything. A standby that fails is skipped (the primary
    /// answers) and reported once per half minute. Writes, <c>GetMaxSeqAsync</c> and snapshots use the primary. Default: null.
    /// </summary>
    public string? ReadConnectionString { get; set; }

    /// <summary>
    /// The schema holding the tables: a lowercase identifier. Default: <c>public</c>, where the Kernel's
    /// <c>audit-verify</c> looks for <c>audit_events</c>.
    /// </summary>
    public string Schema { get; set; } = "public";

    /// <summary>
    /// Which graph of the database this store reads and writes: the distribution column of every table.
    /// Each graph has its own sequence numbers and its own audit chain. Default: <c>default</c>.
    /// </summary>
    public string GraphId { get; set; } = "default";

    /// <summary>
    /// How long to wait for a connection (opening one, or a free one from the pool) before failing with
    /// <c>STORE_UNAVAILABLE</c>, when the store builds its own data source and the connection string sets no
    /// <c>Timeout</c> (which wins). Whole seconds, 1–1024. Default: 5 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one statement may run, when the store builds its own data source and the connection string sets no
    /// <c>Command Timeout</c> (which wins, <c>0</c> for no limit). Whole seconds, 1–3600. Default: 30 seconds.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The audit <c>actor</c> of writes whose item names no author (edges). Nodes and annotations are attributed to
    /// their <c>author</c>. Default: <c>reasoning-graph</c>.
    /// </summary>
    public string SystemActor { get; set; } = "reasoning-graph";

    /// <summary>How many inputs <see cref="PostgresGraphStore.ImportAsync"/> checks and copies per round. Default: 5,000.</summary>
    public int ImportChunkSize { get; set; } = 5000;

    /// <summary>
    /// How often a write is retried after a serialization failure or deadlock (SQLSTATE 40001/40P01) before it
    /// fails with <c>STORE_UNAVAILABLE</c>. Default: 3.
    /// </summary>
    public int MaxWriteRetries { get; set; } = 3;

    /// <summary>
    /// Group commit: appends of fewer inputs than this that arrive while another commit is under way are written
    /// together in one transaction, at most this many inputs per transaction, each caller still getting its own result
    /// or error. 0 turns it off (every append is its own transaction). Default: 64.
    /// </summary>
    public int GroupCommitMaxItems { get; set; } = 64;

    /// <summary>
    /// When audit events are signed. <see cref="Audit.AuditSigningMode.Deferred"/> (the default): in the write's transaction
    /// when the signer answers within <see cref="InlineSigningBudget"/>, else committed with the signature pending and
    /// signed later by <see cref="PostgresGraphStore.SignPendingAsync"/> (writes go on during a signer outage; until
    /// then the Kernel's own <c>audit-verify</c> reports the unsigned rows). <see cref="Audit.AuditSigningMode.Inline"/>:
    /// a write that cannot be signed fails with <c>SIGNING_FAILURE</c>.
    /// </summary>
    public Audit.AuditSigningMode AuditSigning { get; set; } = Audit.AuditSigningMode.Deferred;

    /// <summary>
    /// In deferred mode, how long a write waits for its signatures before committing them as pending; after a miss,
    /// writes stop waiting for the signer until the pending events have been signed again. 1 ms to 60 s. Default: 250 ms.
    /// </summary>
    public TimeSpan InlineSigningBudget { get; set; } = TimeSpan.FromMilliseconds(250);
}
