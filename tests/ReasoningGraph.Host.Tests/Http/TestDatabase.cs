using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The PostgreSQL server of the tests (REASONING_GRAPH_TEST_DATABASE_URL, set by scripts/test.sh). Tests that need it
/// do nothing locally without it and fail in CI. Each test writes its own graph (GRAPH_ID) so that its audit chain
/// holds only its own events and verifies against its own signers.
/// </summary>
internal static class TestDatabase
{
    /// <summary>The connection string, or null (after checking this is not CI) when no server is configured.</summary>
    public static string? ConnectionStringOrSkip()
    {
        string? url = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_DATABASE_URL");
        if (string.IsNullOrEmpty(url))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "REASONING_GRAPH_TEST_DATABASE_URL is required in CI");
            return null;
        }

        return new NpgsqlConnectionStringBuilder(url).ConnectionString;
    }

    public static string NewGraphId() => "test-" + Guid.NewGuid().ToString("N");

    /// <summary>The audit events of a graph, in chain order.</summary>
    public static async Task<List<AuditEvent>> AuditEventsAsync(string connectionString, string graphId)
    {
        await using var store = new PostgresGraphStore(new PostgresStoreOptions { ConnectionString = connectionString, GraphId = graphId });
        var events = new List<AuditEvent>();
        await foreach (var auditEvent in store.ReadAuditEventsAsync())
        {
            events.Add(auditEvent);
        }

        return events;
    }
}
