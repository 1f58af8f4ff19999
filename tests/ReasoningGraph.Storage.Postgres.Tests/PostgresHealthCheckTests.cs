using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningGraph.Storage.Postgres.Tests.Support;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// <c>AddHealthChecks().AddReasoningGraph().AddReasoningGraphPostgresWrites()</c> on a real server: the store answers a
/// read and commits the write probe; pointed at a port where nothing listens, both checks are Unhealthy with the
/// store's message. The blocked verdict itself is scripted in <see cref="PostgresWriteHealthCheckTests"/> and drilled on
/// the Patroni pair (<c>ReasoningGraph.Host.Tests/Ha/StrictSynchronousModeDrillTests</c>).
/// </summary>
[RequiresPostgres]
public sealed class PostgresHealthCheckTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task AReachableStore_IsHealthy_ReadAndWriteProbe()
    {
        await using var services = Build(schema.ConnectionString);
        await services.GetRequiredService<IReasoningGraph>().AppendNodeAsync(ReasoningGraph.Tests.Support.Items.Node());

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(1L, report.Entries["reasoning-graph"].Data["maxSeq"]);
        Assert.InRange((long)report.Entries["reasoning-graph-postgres-writes"].Data["elapsedMs"], 0, 2000);
        Assert.Null(services.GetRequiredKeyedService<PostgresWriteHealthCheck>("reasoning-graph-postgres-writes").BlockedSince);
    }

    [Fact]
    public async Task AStoreOnAClosedPort_IsUnhealthy_WithTheStoresMessage()
    {
        var closed = new Npgsql.NpgsqlConnectionStringBuilder(schema.ConnectionString) { Host = "127.0.0.1", Port = ClosedPort(), Timeout = 2 };
        await using var services = Build(closed.ConnectionString);

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(registration => registration.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        foreach (string name in new[] { "reasoning-graph", "reasoning-graph-postgres-writes" })
        {
            var entry = report.Entries[name];
            Assert.Equal(HealthStatus.Unhealthy, entry.Status);
            Assert.False(string.IsNullOrEmpty(entry.Description), name);
        }

        Assert.Null(services.GetRequiredKeyedService<PostgresWriteHealthCheck>("reasoning-graph-postgres-writes").BlockedSince); // unreachable is not blocked
    }

    private ServiceProvider Build(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddReasoningGraph().UsePostgres(connectionString, options =>
        {
            options.Schema = schema.Name;
            options.GraphId = Guid.NewGuid().ToString("N");
        }).UseEd25519Signer(new byte[32], "health-key");
        services.AddHealthChecks()
            .AddReasoningGraph(tags: ["ready"])
            .AddReasoningGraphPostgresWrites(tags: ["ready"]);
        return services.BuildServiceProvider();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // stopped on dispose: nothing listens there afterwards
    }
}
