using Npgsql;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Storage.Postgres.Tests.Support;

/// <summary>
/// A class fixture: a fresh, migrated schema of its own (so test classes run in parallel without seeing each
/// other), dropped afterwards. Stores made from it each get a new graph id, hence an empty graph.
/// </summary>
public sealed class PostgresSchema : IAsyncLifetime
{
    public PostgresSchema()
    {
        Name = "rg_test_" + Guid.NewGuid().ToString("N")[..12];
    }

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public LocalEd25519Signer Signer { get; } = LocalEd25519Signer.Generate("test-signer");

    public SignerRegistry Verifier => SignerRegistry.For(Signer);

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = PostgresServer.RequireConnectionString();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var migrator = new PostgresMigrator(DataSource, Options());
        await migrator.MigrateAsync();
    }

    /// <summary>Options for this schema and a new (or the given) graph.</summary>
    public PostgresStoreOptions Options(string? graphId = null) => new()
    {
        ConnectionString = ConnectionString,
        Schema = Name,
        GraphId = graphId ?? Guid.NewGuid().ToString("N"),
    };

    /// <summary>A store on the shared data source, for a new empty graph unless <paramref name="graphId"/> is given.</summary>
    public PostgresGraphStore NewStore(TimeProvider? timeProvider = null, string? graphId = null, IDigestSigner? signer = null) =>
        new(DataSource, Options(graphId), signer ?? Signer, timeProvider);

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{s}", "\"" + Name + "\"", StringComparison.Ordinal));
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql.Replace("{s}", "\"" + Name + "\"", StringComparison.Ordinal));
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null)
        {
            await ExecuteAsync("DROP SCHEMA IF EXISTS {s} CASCADE");
            await DataSource.DisposeAsync();
        }

        Signer.Dispose();
    }
}
