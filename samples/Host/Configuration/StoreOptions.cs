namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// The store: PostgreSQL when <c>DATABASE_URL</c> is set, else the embedded in-memory store journaled under
/// <c>DATA_DIR</c>; and the key that authenticates paging cursors.
/// </summary>
internal sealed record StoreOptions
{
    public const string CursorKeyVariable = "REASONING_GRAPH_CURSOR_KEY";

    /// <summary>The Npgsql connection string of <c>DATABASE_URL</c> (a <c>postgres://</c> URL or a connection string); null for the embedded store.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// <c>DATABASE_READ_URL</c>: standbys that serve reads at a seq they have replayed (same forms as
    /// <c>DATABASE_URL</c>; several hosts allowed); null for none. PostgreSQL only.
    /// </summary>
    public string? ReadConnectionString { get; init; }

    /// <summary>
    /// <c>LOG_ORIGIN</c>: the first line of the audit log's checkpoints (<c>/reason/log/checkpoint</c>), the name
    /// verifiers and witnesses know the log by, e.g. <c>kernel.example.com/reasoning-graph/prod</c>. Default: null,
    /// <c>reasoning-graph/&lt;GRAPH_ID&gt;</c>.
    /// </summary>
    public string? LogOrigin { get; init; }

    /// <summary><c>GRAPH_ID</c>: the graph within the database. Default: null, the store's own default (<c>default</c>).</summary>
    public string? GraphId { get; init; }

    /// <summary>
    /// <c>DATABASE_SCHEMA</c>: the PostgreSQL schema holding the tables. Default: null, the store's own default
    /// (<c>public</c>). A graph whose chain the Kernel's <c>audit-verify</c> checks needs a schema of its own.
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>
    /// <c>READ_ONLY</c>: refuse every write (nodes, edges, annotations, snapshots) with 503 <c>READ_ONLY</c> and keep
    /// serving reads, for incidents (the Kernel unreachable, a canonicalization mismatch). Default: false.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// <c>AUDIT_SIGNING</c>: <c>deferred</c> (default; a write whose signer misses the budget commits its audit events
    /// with the signature pending, signed later by the audit signature worker) or <c>inline</c> (such a write fails
    /// with 503 SIGNING_FAILURE). PostgreSQL only: the embedded store always signs inline.
    /// </summary>
    public Audit.AuditSigningMode AuditSigning { get; init; }

    /// <summary><c>AUDIT_SIGNING_BUDGET_MS</c>: how long a write waits for its signatures in deferred mode. Default: 250.</summary>
    public TimeSpan AuditSigningBudget { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// <c>READY_WRITE_PROBE_TIMEOUT_MS</c>: how long the write probe of <c>/ready</c> may take to commit on PostgreSQL
    /// before the service reports its writes blocked (503); zero turns the probe off. Default:
    /// <see cref="DefaultWriteProbeTimeoutMilliseconds"/> ms.
    /// </summary>
    public TimeSpan WriteProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(DefaultWriteProbeTimeoutMilliseconds);

    /// <summary>
    /// The <c>READY_WRITE_PROBE_TIMEOUT_MS</c> default: far above a healthy synchronous commit (milliseconds), and with
    /// the probe's other steps well inside a readiness probe's timeout (deploy/k8s: 6 s).
    /// </summary>
    public const int DefaultWriteProbeTimeoutMilliseconds = 2000;

    /// <summary><c>MIGRATE_ON_START</c>: apply the PostgreSQL migrations at start-up. Default: true in Development, else false.</summary>
    public bool MigrateOnStart { get; init; }

    /// <summary><c>DATA_DIR</c> made absolute: the embedded store's journal directory and the default archive's parent. Default: <c>./data</c>.</summary>
    public required string DataDirectory { get; init; }

    /// <summary><see cref="CursorKeyVariable"/>: base64, at least 16 bytes. Default: empty, a random key per process.</summary>
    public ReadOnlyMemory<byte> CursorKey { get; init; }

    public string JournalPath => Path.Combine(DataDirectory, JournalFileName);

    /// <summary>The embedded store's journal file in <see cref="DataDirectory"/>.</summary>
    public const string JournalFileName = "graph.journal";

    public static StoreOptions Read(SettingsReader settings, IHostEnvironment environment)
    {
        string? connectionString = null;
        if (settings.Text("DATABASE_URL") is { } url)
        {
            if (PostgresConnectionString.TryConvert(url, out string converted, out string problem))
            {
                connectionString = converted;
            }
            else
            {
                settings.Refuse("DATABASE_URL " + problem);
            }
        }

        string? readConnectionString = null;
        if (settings.Text("DATABASE_READ_URL") is { } readUrl)
        {
            if (settings.Text("DATABASE_URL") is null)
            {
                settings.Refuse("DATABASE_READ_URL needs DATABASE_URL: standbys serve reads beside a primary, never alone");
            }
            else if (PostgresConnectionString.TryConvert(readUrl, out string converted, out string problem))
            {
                readConnectionString = converted;
            }
            else
            {
                settings.Refuse("DATABASE_READ_URL " + problem);
            }
        }

        CheckStoreChoice(settings, environment);
        string? dataDirectory = settings.FullPath("DATA_DIR", "data");
        if (dataDirectory is not null && settings.Text("DATABASE_URL") is null)
        {
            CreateDataDirectory(dataDirectory, settings);
        }

        return new StoreOptions
        {
            ConnectionString = connectionString,
            ReadConnectionString = readConnectionString,
            LogOrigin = ReadLogOrigin(settings),
            GraphId = settings.Text("GRAPH_ID"),
            Schema = settings.Text("DATABASE_SCHEMA"),
            ReadOnly = settings.Flag("READ_ONLY"),
            AuditSigning = settings.Choice("AUDIT_SIGNING", "deferred", "deferred", "inline") == "inline" ? Audit.AuditSigningMode.Inline : Audit.AuditSigningMode.Deferred,
            AuditSigningBudget = TimeSpan.FromMilliseconds(settings.Integer("AUDIT_SIGNING_BUDGET_MS", 250, 1, 60_000)),
            WriteProbeTimeout = TimeSpan.FromMilliseconds(settings.Integer("READY_WRITE_PROBE_TIMEOUT_MS", DefaultWriteProbeTimeoutMilliseconds, 0, 60_000)),
            // An explicit value wins in every environment; Development only changes the default.
            MigrateOnStart = settings.Flag("MIGRATE_ON_START", environment.IsDevelopment()),
            DataDirectory = dataDirectory ?? "data", // refused: start-up stops, the value is never used
            CursorKey = ReadCursorKey(settings),
        };
    }

    private static string? ReadLogOrigin(SettingsReader settings)
    {
        string? origin = settings.Text("LOG_ORIGIN");
        if (origin is not null && (origin.Length > 200 || origin.Any(c => char.IsControl(c)) || origin.Trim() != origin))
        {
            settings.Refuse("LOG_ORIGIN must be one line of at most 200 characters, without control characters or surrounding spaces (a checkpoint's first line)");
            return null;
        }

        return origin;
    }

    /// <summary>
    /// <c>STORE</c>: <c>postgres</c> (needs <c>DATABASE_URL</c>) or <c>embedded</c>. Outside Development a missing
    /// <c>DATABASE_URL</c> no longer means the embedded store: behind one Service, each replica would keep a graph of
    /// its own on its own disk, lost when it is rescheduled. The embedded store there is a choice, made explicitly.
    /// </summary>
    private static void CheckStoreChoice(SettingsReader settings, IHostEnvironment environment)
    {
        bool database = settings.Text("DATABASE_URL") is not null;
        switch (settings.Text("STORE")?.ToLowerInvariant())
        {
            case null when database || environment.IsDevelopment():
            case "postgres" when database:
            case "embedded" when !database:
                return;
            case null:
                settings.Refuse("DATABASE_URL is not set, and outside Development the service does not fall back to the embedded store (each replica would keep a graph of its own). Set DATABASE_URL, or STORE=embedded to run the embedded store on purpose (one replica, DATA_DIR on a persistent volume).");
                return;
            case "postgres":
                settings.Refuse("STORE=postgres needs DATABASE_URL.");
                return;
            case "embedded":
                settings.Refuse("STORE=embedded and DATABASE_URL are both set: choose one store.");
                return;
            default:
                settings.Refuse($"STORE must be 'postgres' or 'embedded', not '{settings.Text("STORE")}'.");
                return;
        }
    }

    /// <summary>The cursor key, by the same rule for the service and the command line.</summary>
    public static ReadOnlyMemory<byte> ReadCursorKey(SettingsReader settings) => settings.Base64(CursorKeyVariable, minimumBytes: 16);

    /// <summary>The embedded store journals there, so a directory that cannot be made is refused before start.</summary>
    private static void CreateDataDirectory(string directory, SettingsReader settings)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            settings.Refuse($"DATA_DIR '{directory}' cannot be created: {e.Message}");
        }
    }
}
