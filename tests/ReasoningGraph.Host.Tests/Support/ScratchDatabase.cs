using Npgsql;

namespace ReasoningGraph.Host.Tests.Support;

/// <summary>
/// A database of its own on the test server (REASONING_GRAPH_TEST_DATABASE_URL), created empty and dropped at the
/// end, so hosts and commands can use the default schema and graph without meeting other tests' rows.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private ScratchDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string server)
    {
        var database = new ScratchDatabase(server, "rg_" + Guid.NewGuid().ToString("N")[..16]);
        await database.ExecuteOnServerAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    /// <summary>Drops the database (disconnecting whoever is still on it): the disaster of a DR drill.</summary>
    public Task DropAsync() => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Makes every new session on the database read-only, as on a standby, or writable again.</summary>
    public Task SetReadOnlyAsync(bool readOnly) => ExecuteOnServerAsync(readOnly
        ? $"ALTER DATABASE {Name} SET default_transaction_read_only = on"
        : $"ALTER DATABASE {Name} RESET default_transaction_read_only");

    public async ValueTask DisposeAsync() => await DropAsync();

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
