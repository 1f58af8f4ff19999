using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// The production store: PostgreSQL through Npgsql. Every append writes its items and their signed audit events in
/// one transaction; sequence numbers and the audit chain are linearized per graph by a row lock on the graph's
/// head, so they stay gap-free and linear with any number of writers in any number of processes. Reads are
/// set-based: one statement per call, whatever the number of ids. Thread-safe.
/// </summary>
/// <remarks>
/// The schema must exist: apply it with <see cref="PostgresMigrator"/> (or <c>ApplyMigrationsOnStartup()</c>).
/// Database failures surface as <c>STORE_UNAVAILABLE</c> (<see cref="ReasoningGraphException.IsTransient"/>).
/// </remarks>
public sealed partial class PostgresGraphStore : IReasoningGraphStore, IClosureGraphStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgresStoreOptions _options;
    private readonly IDigestSigner? _signer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SqlText _sql;
    private volatile bool _headEnsured;
    private int _disposed;

    /// <summary>Creates a store with its own data source built from <see cref="PostgresStoreOptions.ConnectionString"/>.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="signer">Signs audit events; without one, reads work and every write fails with <c>SIGNING_FAILURE</c>.</param>
    /// <param name="timeProvider">The clock for <c>createdAt</c>; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives retries and failures; none when null.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public PostgresGraphStore(PostgresStoreOptions options, IDigestSigner? signer = null, TimeProvider? timeProvider = null, ILogger<PostgresGraphStore>? logger = null)
        : this(null, options, signer, timeProvider, (ILogger?)logger)
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
        : this((NpgsqlDataSource?)(dataSource ?? throw new ArgumentNullException(nameof(dataSource))), options, signer, timeProvider, (ILogger?)logger)
    {
    }

    private PostgresGraphStore(NpgsqlDataSource? dataSource, PostgresStoreOptions options, IDigestSigner? signer, TimeProvider? timeProvider, ILogger? logger)
    {
        PostgresStoreOptionsValidator.ThrowIfInvalid(options, requireConnectionString: dataSource is null);
        _options = options;
        _ownsDataSource = dataSource is null;
        _dataSource = dataSource ?? PostgresDataSource.Create(options);
        _signer = signer;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _sql = new SqlText(options.Schema);
    }

    /// <summary>The graph this store reads and writes.</summary>
    public string GraphId => _options.GraphId;

    /// <inheritdoc/>
    public async ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await WithReconnectAsync(async () =>
            {
                var command = _dataSource.CreateCommand(_sql.MaxSeq);
                await using var disposeCommand = command.ConfigureAwait(false);
                command.Parameters.Add(InsertCommands.P("g", GraphId));
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long max ? max : 0;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw Unavailable(e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsDataSource && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _dataSource.Dispose();
        }
    }

    /// <summary>
    /// Runs an operation that has not changed anything when it fails; if it failed because its pooled connection
    /// had died (the server went away and came back), empties the pool and runs it once more on a fresh connection.
    /// </summary>
    private async Task<T> WithReconnectAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (PostgresErrors.IsBrokenConnection(e) && !cancellationToken.IsCancellationRequested)
        {
            Log.Reconnecting(_logger, GraphId, e.Message);
            _dataSource.Clear();
        }

        return await operation().ConfigureAwait(false);
    }

    private ReasoningGraphException Unavailable(Exception e)
    {
        if (PostgresErrors.IsBrokenConnection(e))
        {
            _dataSource.Clear(); // the other idle connections of the pool are most likely dead too
        }

        var error = PostgresErrors.Translate(e);
        if (error.ErrorCode == ErrorCodes.StoreUnavailable)
        {
            Log.StoreUnavailable(_logger, GraphId, e);
        }

        return error;
    }
}
