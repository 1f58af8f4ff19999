using Npgsql;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Benchmarks.Postgres;

/// <summary>
/// The benchmark database: <c>REASONING_GRAPH_BENCH_DATABASE_URL</c> (for example
/// <c>export REASONING_GRAPH_BENCH_DATABASE_URL=$(scripts/postgres.sh start)</c>). One migrated schema per benchmark
/// class, dropped afterwards; each store is a new graph in it.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string Variable = "REASONING_GRAPH_BENCH_DATABASE_URL";

    private BenchDatabase(string connectionString, string schema)
    {
        ConnectionString = connectionString;
        Schema = schema;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public string Schema { get; }

    private static readonly string[] GraphTables = ["nodes", "edges", "annotations", "audit_events"];

    public NpgsqlDataSource DataSource { get; }

    public LocalEd25519Signer Signer { get; } = LocalEd25519Signer.FromSeed(new byte[32], "bench");

    private bool _keep;

    public static string RequireConnectionString() => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"Set {Variable} to a PostgreSQL connection string (scripts/postgres.sh start).");

    /// <param name="name">Part of the schema's name; the whole name with <paramref name="fixedSchema"/> (dropped first when it exists).</param>
    /// <param name="fixedSchema">Use <paramref name="name"/> as it is rather than a new unique schema.</param>
    public static async Task<BenchDatabase> CreateAsync(string name, bool fixedSchema = false)
    {
        var database = new BenchDatabase(RequireConnectionString(), fixedSchema ? name : "rg_bench_" + name + "_" + Guid.NewGuid().ToString("N")[..8]);
        await database.ExecuteAsync($"DROP SCHEMA IF EXISTS \"{database.Schema}\" CASCADE");
        await using var migrator = new PostgresMigrator(database.DataSource, database.Options());
        await migrator.MigrateAsync();
        return database;
    }

    /// <summary>Leave the schema in place on dispose (a fixture other runs reuse).</summary>
    public void Keep() => _keep = true;

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Planner statistics for the graph tables of the schema, as autovacuum keeps them on a live database.</summary>
    public Task AnalyzeAsync() =>
        ExecuteAsync(string.Concat(GraphTables.Select(t => $"ANALYZE \"{Schema}\".{t}; ")));

    public PostgresStoreOptions Options(string? graphId = null) =>
        new() { ConnectionString = ConnectionString, Schema = Schema, GraphId = graphId ?? Guid.NewGuid().ToString("N") };

    public PostgresGraphStore NewStore() => new(DataSource, Options(), Signer);

    public async ValueTask DisposeAsync()
    {
        if (!_keep)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        }

        await DataSource.DisposeAsync();
        Signer.Dispose();
    }
}
