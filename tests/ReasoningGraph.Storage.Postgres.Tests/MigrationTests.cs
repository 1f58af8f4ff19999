using Microsoft.Extensions.Logging;
using Npgsql;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>Migrations are idempotent, safe to run concurrently and refuse an edited history. Each test uses its own schema.</summary>
[RequiresPostgres]
public sealed class MigrationTests(PostgresSchema fixture) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private readonly string _schema = "rg_migrate_" + Guid.NewGuid().ToString("N")[..12];

    private PostgresStoreOptions Options => new() { ConnectionString = fixture.ConnectionString, Schema = _schema };

    private PostgresStoreOptions Graph(string graphId) => new() { ConnectionString = fixture.ConnectionString, Schema = _schema, GraphId = graphId };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");

    [Fact]
    public async Task Migrate_Twice_AppliesEverythingOnceThenNothing()
    {
        await using var migrator = new PostgresMigrator(Options);
        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();
        Assert.Equal(Enumerable.Range(1, PostgresMigrator.LatestVersion), first.Applied);
        Assert.Equal(PostgresMigrator.LatestVersion, first.Version);
        Assert.Empty(second.Applied);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal((long)PostgresMigrator.LatestVersion, await fixture.ScalarAsync<long>($"SELECT count(*) FROM \"{_schema}\".schema_migrations"));
    }

    [Fact]
    public async Task Migrate_FromTwelveConcurrentSessions_AppliesEachMigrationExactlyOnce()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            // Separate data sources without pooling: twelve independent server sessions racing on a missing schema.
            var options = Options;
            options.ConnectionString = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Pooling = false }.ConnectionString;
            await using var migrator = new PostgresMigrator(options);
            return await migrator.MigrateAsync();
        })));
        Assert.Single(runs, r => r.Applied.Count > 0);
        Assert.All(runs, r => Assert.Equal(PostgresMigrator.LatestVersion, r.Version));
        var store = new PostgresGraphStore(fixture.DataSource, Options, fixture.Signer);
        await store.AppendAsync(new Model.GraphBatch { Node(Id(1)) });
        Assert.Equal(1, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Migrate_NamesOtherGraphsWhoseChainsShareTheSchema_AndWarnsOnce()
    {
        await using (var first = new PostgresMigrator(Options))
        {
            Assert.Empty((await first.MigrateAsync()).OtherAuditChains);
        }

        var store = new PostgresGraphStore(fixture.DataSource, Graph("kernel-a"), fixture.Signer);
        await store.AppendAsync(new Model.GraphBatch { Node(Id(1)) });
        var logger = new RecordingLogger<PostgresMigrator>();
        await using var forB = new PostgresMigrator(Graph("kernel-b"), logger);
        await using var forA = new PostgresMigrator(Graph("kernel-a"));

        var b = await forB.MigrateAsync();
        var a = await forA.MigrateAsync();

        Assert.Equal(["kernel-a"], b.OtherAuditChains);
        Assert.Empty(a.OtherAuditChains);
        var warning = Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Equal(3008, warning.EventId);
        Assert.Contains("kernel-a", warning.Message, StringComparison.Ordinal);
        Assert.Contains("schema of its own", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_OnAReadOnlyServer_ReadsOnly_WhenTheSchemaIsCurrent_AndFailsCleanlyWhenItIsNot()
    {
        await using (var first = new PostgresMigrator(Options))
        {
            await first.MigrateAsync();
        }

        // Every session read-only, as on a standby: a current schema needs no DDL and no lock.
        var readOnly = Options;
        readOnly.ConnectionString = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Options = "-c default_transaction_read_only=on" }.ConnectionString;
        await using var migrator = new PostgresMigrator(readOnly);
        var result = await migrator.MigrateAsync();
        Assert.Equal(PostgresMigrator.LatestVersion, result.Version);
        Assert.Empty(result.Applied);

        var fresh = new PostgresStoreOptions { ConnectionString = readOnly.ConnectionString, Schema = _schema + "_new" };
        await using var blocked = new PostgresMigrator(fresh);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => blocked.MigrateAsync());
        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
    }

    [Fact]
    public async Task Migrate_RefusesAnAppliedMigrationThatWasEdited()
    {
        await using var migrator = new PostgresMigrator(Options);
        await migrator.MigrateAsync();
        await fixture.ExecuteAsync($"UPDATE \"{_schema}\".schema_migrations SET checksum = 'edited' WHERE version = 1");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync());
        Assert.Contains("differs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ReleasesItsLockOnAPooledSession_SoAnotherSessionCanMigrateAfterwards()
    {
        // The first migrator's session goes back to the shared pool and stays open: only an explicit unlock frees the lock.
        await using (var pooled = new PostgresMigrator(fixture.DataSource, Options))
        {
            Assert.Equal(Enumerable.Range(1, PostgresMigrator.LatestVersion), (await pooled.MigrateAsync()).Applied);
        }

        var options = Options;
        options.ConnectionString = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Pooling = false }.ConnectionString;
        await using var other = new PostgresMigrator(options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.Empty((await other.MigrateAsync(timeout.Token)).Applied);
    }

    [Fact]
    public async Task StoreOnAnUnmigratedSchema_IsStoreUnavailableNamingTheMigrations()
    {
        var store = new PostgresGraphStore(fixture.DataSource, Options, fixture.Signer);
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(async () => await store.GetMaxSeqAsync());
        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
        Assert.Contains("migrat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptions_AreRejectedListingEveryProblem()
    {
        var options = new PostgresStoreOptions { ConnectionString = " ", Schema = "Bad-Name", GraphId = "", ConnectTimeout = TimeSpan.Zero, ImportChunkSize = 0 };
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new PostgresGraphStore(options));
        Assert.Equal(5, error.Failures.Count());
    }
}
