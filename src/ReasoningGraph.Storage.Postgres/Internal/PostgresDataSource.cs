using Npgsql;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>Builds the data source of a store that owns one, applying the configured timeouts.</summary>
internal static class PostgresDataSource
{
    public static NpgsqlDataSource Create(PostgresStoreOptions options)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Timeout = (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds),
            CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
        };
        connection.ApplicationName ??= "reasoning-graph";
        return NpgsqlDataSource.Create(connection);
    }
}
