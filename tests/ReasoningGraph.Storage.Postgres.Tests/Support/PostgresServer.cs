using Npgsql;

namespace ReasoningGraph.Storage.Postgres.Tests.Support;

/// <summary>The test server: <c>REASONING_GRAPH_TEST_DATABASE_URL</c> (start one with <c>scripts/postgres.sh start</c>).</summary>
public static class PostgresServer
{
    public const string Variable = "REASONING_GRAPH_TEST_DATABASE_URL";

    private static readonly Lazy<string?> Unavailability = new(Probe);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? url : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the tests cannot run, or null when the server answers.</summary>
    public static string? WhyUnavailable => Unavailability.Value;

    /// <summary>The connection string, or an exception explaining (in CI) why there is none.</summary>
    public static string RequireConnectionString() =>
        WhyUnavailable is { } reason ? throw new InvalidOperationException(reason) : ConnectionString!;

    private static string? Probe()
    {
        if (ConnectionString is not { } url)
        {
            return $"{Variable} is not set; start a server with: export {Variable}=$(scripts/postgres.sh start)";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(url) { Timeout = 3, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or TimeoutException)
        {
            return $"The PostgreSQL server of {Variable} is not reachable: {e.Message}";
        }
    }
}
