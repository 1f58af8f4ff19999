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

    /// <summary>
    /// How often a multi-host data source re-checks which host is the primary, unless the connection string says: the
    /// client-visible outage of a failover is bounded by it (Npgsql's default of 10 s, not the failover, dominates).
    /// </summary>
    public const int DefaultHostRecheckSeconds = 1;

    public static NpgsqlDataSource Create(PostgresStoreOptions options) => Create(options, options.ConnectionString);

    /// <summary>A data source on <paramref name="connectionString"/> (the primary's or the standbys') with the options' timeouts.</summary>
    public static NpgsqlDataSource Create(PostgresStoreOptions options, string? connectionString) => NpgsqlDataSource.Create(Settings(options, connectionString));

    /// <summary>Why a data source cannot be built from <paramref name="connectionString"/> (default: the options' own), or null when it can.</summary>
    public static string? Problem(PostgresStoreOptions options, string? connectionString = null)
    {
        try
        {
            using var source = Create(options, connectionString ?? options.ConnectionString);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or FormatException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private static NpgsqlConnectionStringBuilder Settings(PostgresStoreOptions options, string? connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);

        // Npgsql's builder answers ContainsKey for every keyword it knows, set or not: what the user wrote is read
        // from a plain builder over the same string instead. What the string sets wins over the options' defaults.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Written(params string[] keywords) => keywords.Any(written.ContainsKey);
        if (!Written("Timeout"))
        {
            connection.Timeout = (int)Math.Ceiling(options.ConnectTimeout.TotalSeconds);
        }

        if (!Written("Command Timeout", "CommandTimeout"))
        {
            connection.CommandTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        }

        connection.ApplicationName ??= "reasoning-graph";

        if (!Written("Max Auto Prepare", "MaxAutoPrepare"))
        {
            connection.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (connection.Host?.Contains(',', StringComparison.Ordinal) == true && !Written("Host Recheck Seconds", "HostRecheckSeconds"))
        {
            connection.HostRecheckSeconds = DefaultHostRecheckSeconds;
        }

        return connection;
    }
}
