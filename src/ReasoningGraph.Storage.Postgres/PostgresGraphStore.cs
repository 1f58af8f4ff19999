using Microsoft.Extensions.Logging;
using Npgsql;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// The production store: PostgreSQL through Npgsql. Every append writes its items and their signed audit events in
/// one transaction; sequence numbers and the audit chain are linearized per graph by a row lock on the graph's
/// head, so they stay gap-free and linear with any number of writers in any number of processes. Reads are
/// set-based: one statement per call, whatever the number of ids. Thread-safe. The graph's snapshots are in
/// <see cref="Snapshots"/>, which shares this store's connections and audit chain.
/// </summary>
/// <remarks>
/// The schema must exist: apply it with <see cref="PostgresMigrator"/> (or <c>ApplyMigrationsOnStartup()</c>).
/// Database failures surface as <c>STORE_UNAVAILABLE</c> (<see cref="ReasoningGraphException.IsTransient"/>).
/// </remarks>
public sealed partial class PostgresGraphStore : IReasoningGraphStore, IClosureGraphStore, IAsyncDisposable, IDisposable
{
    private readonly GraphDatabase _db;
    private readonly GroupCommitQueue _groups;
    private readonly HeadCache _heads = new();
    private readonly EventSigner _events;
    private readonly ExpectedWrite _expected;

    /// <summary>Creates a store with its own data source built from <see cref="PostgresStoreOptions.ConnectionString"/>.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="signer">Signs audit events; without one, reads work and every write fails with <c>SIGNING_FAILURE</c>.</param>
    /// <param name="timeProvider">The clock for <c>createdAt</c>; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives retries and failures; none when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public PostgresGraphStore(PostgresStoreOptions options, IDigestSigner? signer = null, TimeProvider? timeProvider = null, ILogger<PostgresGraphStore>? logger = null)
        : this(new GraphDatabase(null, options, signer, timeProvider, logger))
    {
    }

    /// <summary>Creates a store on a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The data source; its timeouts apply.</param>
    /// <param name="options">The settings (<see cref="PostgresStoreOptions.ConnectionString"/> is ignored); validated here.</param>
    /// <param name="signer">Signs audit events; without one, reads work and every write fails with <c>SIGNING_FAILURE</c>.</param>
    /// <param name="timeProvider">The clock for <c>createdAt</c>; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives retries and failures; none when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public PostgresGraphStore(NpgsqlDataSource dataSource, PostgresStoreOptions options, IDigestSigner? signer = null, TimeProvider? timeProvider = null,
        ILogger<PostgresGraphStore>? logger = null)
        : this(new GraphDatabase(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), options, signer, timeProvider, logger))
    {
    }

    private PostgresGraphStore(GraphDatabase db)
    {
        _db = db;
        _groups = new GroupCommitQueue(db.Options.GroupCommitMaxItems, CommitGroupAsync);
        _events = new EventSigner(db);
        _expected = new ExpectedWrite(db, _heads, _events, Planning);
        Snapshots = new PostgresSnapshotStore(db);
    }

    /// <summary>The graph this store reads and writes.</summary>
    public string GraphId => _db.GraphId;

    /// <summary>The graph's snapshot store (on this store's connections; disposed with it).</summary>
    public PostgresSnapshotStore Snapshots { get; }

    /// <summary>What the store's satellites (<see cref="PostgresWriteProbe"/>) share with it: connections, settings, clock.</summary>
    internal GraphDatabase Database => _db;

    /// <inheritdoc/>
    public async ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default) =>
        await _db.ExecuteAsync(_db.Sql.MaxSeq, async command =>
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long max ? max : 0, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _db.DisposeAsync();

    /// <inheritdoc/>
    public void Dispose() => _db.Dispose();
}
