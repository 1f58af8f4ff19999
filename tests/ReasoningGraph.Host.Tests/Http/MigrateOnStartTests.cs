using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Serving;
using ReasoningGraph.Host.Tests.Support;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// MIGRATE_ON_START means what it says in every environment: Development only changes its default (true there, false
/// elsewhere), and an explicit value wins. Each case starts the service on an empty database of its own and counts
/// the tables it finds afterwards.
/// </summary>
public sealed class MigrateOnStartTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("rg-migrate-");

    public void Dispose() => _data.Delete(recursive: true);

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    public async Task Start_MigratesExactlyWhenMigrateOnStartSays(string environment, string? migrateOnStart, bool migrated)
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        var settings = new Dictionary<string, string>
        {
            ["environment"] = environment,
            ["DATABASE_URL"] = database.ConnectionString,
            ["DATA_DIR"] = _data.FullName,
        };
        if (migrateOnStart is not null)
        {
            settings["MIGRATE_ON_START"] = migrateOnStart;
        }

        await using (await RunningHost.StartAsync(settings))
        {
            long tables = await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
            Assert.Equal(migrated, tables > 0);
        }
    }

    [Fact]
    public async Task ADatabaseThatTakesNoWritesAtStartUp_IsMigratedOnceItDoes_WithoutARestart()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await database.SetReadOnlyAsync(true);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Production",
            ["DATABASE_URL"] = database.ConnectionString,
            ["MIGRATE_ON_START"] = "true",
            ["DATA_DIR"] = _data.FullName,
        });
        using var client = host.Client();
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await HostApi.GetAsync(client, "/ready")).Status);

        await database.SetReadOnlyAsync(false);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        async Task<long> AppliedAsync()
        {
            try
            {
                return await database.ScalarAsync<long>("SELECT count(*) FROM public.schema_migrations");
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
            {
                return 0;
            }
        }

        while (await AppliedAsync() < ReasoningGraph.Storage.Postgres.PostgresMigrator.LatestVersion)
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the deferred migration never completed");
            await Task.Delay(250);
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await HostApi.GetAsync(client, "/health")).Status);
    }

    [Fact]
    public async Task DatabaseSchema_PutsTheGraphInASchemaOfItsOwn()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var database = await ScratchDatabase.CreateAsync(server);
        await using (var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATABASE_URL"] = database.ConnectionString,
            ["DATABASE_SCHEMA"] = "tenant_a",
            ["DATA_DIR"] = _data.FullName,
        }))
        {
            using var client = host.Client(devPrincipal: "kernel");
            Assert.Equal(System.Net.HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision"))).Status);
        }

        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM tenant_a.audit_events"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public void ABadSchemaName_IsListedUnderItsSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ServiceHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Development", "--DATA_DIR=" + _data.FullName,
             "--DATABASE_URL=postgres://rg@127.0.0.1:1/rg", "--DATABASE_SCHEMA=no such; schema"]));
        Assert.Contains(error.Failures, f => f.Contains("DATABASE_SCHEMA", StringComparison.Ordinal));
    }

    [Fact]
    public void AValueThatIsNotAFlag_IsListed()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ServiceHost.Build(
            ["--urls=http://127.0.0.1:0", "--environment=Development", "--DATA_DIR=" + _data.FullName, "--MIGRATE_ON_START=sometimes"]));
        Assert.Contains("MIGRATE_ON_START must be true or false, not 'sometimes'.", error.Failures);
    }
}
