using Npgsql;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>Builds the data source of a store that owns one, applying the configured timeouts.</summary>
internal static class PostgresDataSource
{
    /// <summary>
    /// Statements kept prepared per connection unless the connection string says otherwise. The store's statements
    /// are a small fixed set run many times (a walk runs the frontier statement once per level), so preparing them
    /// saves the parse and plan of every execution.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    public static NpgsqlDataSource Create(PostgresStoreOptions options)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Timeout = (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds),
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
        };
        connection.ApplicationName ??= "reasoning-graph";
        if (!connection.ContainsKey("Max Auto Prepare"))
        {
            connection.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return NpgsqlDataSource.Create(connection);
    }
}
