using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ReasoningGraph.Storage.Postgres.Internal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres;

/// <summary>
/// Applies the embedded, versioned schema migrations to the configured schema: idempotent (applied versions are
/// recorded with their checksums in <c>schema_migrations</c>), each in its own transaction, and serialized across
/// connections and processes by a PostgreSQL advisory lock, so any number of instances may run it at start-up.
/// </summary>
public sealed class PostgresMigrator : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly string _schema;
    private readonly string _graphId;
    private readonly ILogger _logger;

    /// <summary>Creates a migrator with its own data source built from <see cref="PostgresStoreOptions.ConnectionString"/>.</summary>
    /// <param name="options">The settings (connection string, schema, timeouts); validated here.</param>
    /// <param name="logger">Receives one line per applied migration; none when null.</param>
    public PostgresMigrator(PostgresStoreOptions options, ILogger<PostgresMigrator>? logger = null)
    {
        PostgresStoreOptionsValidator.ThrowIfInvalid(options, requireConnectionString: true);
        _dataSource = PostgresDataSource.Create(options);
        _ownsDataSource = true;
        _schema = options.Schema;
        _graphId = options.GraphId;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Creates a migrator on a data source the caller owns.</summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="options">The settings (schema); validated here.</param>
    /// <param name="logger">Receives one line per applied migration; none when null.</param>
    public PostgresMigrator(NpgsqlDataSource dataSource, PostgresStoreOptions options, ILogger<PostgresMigrator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        PostgresStoreOptionsValidator.ThrowIfInvalid(options, requireConnectionString: false);
        _dataSource = dataSource;
        _schema = options.Schema;
        _graphId = options.GraphId;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The newest schema version this package knows.</summary>
    public static int LatestVersion => Migration.All[^1].Version;

    /// <summary>Brings the schema to <see cref="LatestVersion"/>, creating it when missing.</summary>
    /// <param name="cancellationToken">Cancels the run; a migration in progress is rolled back.</param>
    /// <returns>The resulting version and what was applied.</returns>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c>: the database cannot be reached.</exception>
    /// <exception cref="InvalidOperationException">An applied migration differs from the embedded one (its checksum changed).</exception>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeConnection = connection.ConfigureAwait(false);

            // Read first: an up-to-date schema needs no lock and no DDL, so a host pointed at a standby (or many hosts
            // starting at once) just reads; only a missing migration takes the lock, and never on a standby.
            if (await UpToDateAsync(connection, cancellationToken).ConfigureAwait(false) is { } current)
            {
                Log.MigrationsUpToDate(_logger, _schema, current);
                return await FinishAsync(connection, current, [], "\"" + _schema + "\"", cancellationToken).ConfigureAwait(false);
            }

            if (await ScalarAsync<bool>(connection, "SELECT pg_is_in_recovery()", cancellationToken).ConfigureAwait(false))
            {
                throw GraphErrors.StoreUnavailable(
                    $"Schema {_schema} needs migrations, but this server is a standby (read-only): run 'reasoning-graph migrate' against the primary.");
            }

            await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, timeout: 0).ConfigureAwait(false);
            try
            {
                return await MigrateLockedAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (PostgresErrors.ShouldTranslate(e, cancellationToken))
        {
            throw PostgresErrors.Translate(e);
        }
    }

    private async Task<MigrationResult> MigrateLockedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var s = "\"" + _schema + "\"";
        await ExecuteAsync(connection,
            $"CREATE SCHEMA IF NOT EXISTS {s}; CREATE TABLE IF NOT EXISTS {s}.schema_migrations " +
            "(version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken).ConfigureAwait(false);
        var applied = new Dictionary<int, string>();
        var select = new NpgsqlCommand($"SELECT version, checksum FROM {s}.schema_migrations", connection);
        await using (select.ConfigureAwait(false))
        {
            var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        var done = new List<int>();
        foreach (var migration in Migration.All)
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Version} ({migration.Name}) applied to schema {_schema} differs from the one in this package; never edit a shipped migration.");
                }

                continue;
            }

            await ApplyAsync(connection, migration, s, cancellationToken).ConfigureAwait(false);
            done.Add(migration.Version);
        }

        int version = Math.Max(applied.Count == 0 ? 0 : applied.Keys.Max(), done.Count == 0 ? 0 : done[^1]);
        if (done.Count == 0)
        {
            Log.MigrationsUpToDate(_logger, _schema, version);
        }

        return await FinishAsync(connection, version, done, s, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The result, after warning when other graphs' chains share the schema.</summary>
    private async Task<MigrationResult> FinishAsync(NpgsqlConnection connection, int version, List<int> done, string s, CancellationToken cancellationToken)
    {
        var others = await OtherAuditChainsAsync(connection, s, cancellationToken).ConfigureAwait(false);
        if (others.Count > 0)
        {
            Log.SchemaSharedByChains(_logger, _schema, string.Join(", ", others), _graphId);
        }

        return new MigrationResult(version, done, others);
    }

    /// <summary>The schema's version when every embedded migration is applied unchanged; null when one is missing.</summary>
    /// <exception cref="InvalidOperationException">An applied migration differs from the embedded one.</exception>
    private async Task<int?> UpToDateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        string table = "\"" + _schema + "\".schema_migrations";
        if (await ScalarAsync<bool>(connection, $"SELECT to_regclass('{table.Replace("'", "''", StringComparison.Ordinal)}') IS NULL", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var applied = new Dictionary<int, string>();
        var select = new NpgsqlCommand($"SELECT version, checksum FROM {table}", connection);
        await using (select.ConfigureAwait(false))
        {
            var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var disposeReader = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        foreach (var migration in Migration.All)
        {
            if (!applied.TryGetValue(migration.Version, out string? checksum))
            {
                return null;
            }

            if (checksum != migration.Checksum)
            {
                throw new InvalidOperationException(
                    $"Migration {migration.Version} ({migration.Name}) applied to schema {_schema} differs from the one in this package; never edit a shipped migration.");
            }
        }

        return applied.Keys.Max();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using var disposeCommand = command.ConfigureAwait(false);
        return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// The other graphs with audit events in this schema. The Kernel's <c>audit-verify</c> reads every row of
    /// <c>audit_events</c> with no graph filter, so two chains in one table interleave into one it calls broken.
    /// </summary>
    private async Task<IReadOnlyList<string>> OtherAuditChainsAsync(NpgsqlConnection connection, string s, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand($"SELECT graph_id FROM {s}.graph_heads WHERE graph_id <> @g AND audit_hash IS NOT NULL ORDER BY graph_id", connection)
        {
            Parameters = { new("g", _graphId) },
        };
        await using var disposeCommand = command.ConfigureAwait(false);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        var others = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            others.Add(reader.GetString(0));
        }

        return others;
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, string s, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, $"SET LOCAL search_path TO {s}", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
            var record = new NpgsqlCommand($"INSERT INTO {s}.schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)", connection)
            {
                Parameters = { new("version", migration.Version), new("name", migration.Name), new("checksum", migration.Checksum) },
            };
            await using (record.ConfigureAwait(false))
            {
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        long milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.MigrationApplied(_logger, migration.Version, migration.Name, _schema, milliseconds);
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, int? timeout = null)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using var disposeCommand = command.ConfigureAwait(false);
        if (sql.Contains("@key", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter<long>("key", LockKey(_schema)));
        }

        if (timeout is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The advisory lock key of a schema's migrations: stable across processes and versions.</summary>
    private static long LockKey(string schema) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("reasoning-graph:migrations:" + schema)), 0);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
