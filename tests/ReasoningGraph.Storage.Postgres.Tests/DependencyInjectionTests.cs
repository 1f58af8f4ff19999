using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

[RequiresPostgres]
public sealed class DependencyInjectionTests(PostgresSchema fixture) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private static readonly byte[] Seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly string _schema = "rg_di_" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");

    private ServiceProvider Build(bool migrate, Action<PostgresStoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddReasoningGraph()
            .UsePostgres(fixture.ConnectionString, options =>
            {
                options.Schema = _schema;
                configure?.Invoke(options);
            })
            .UseEd25519Signer(Seed, "di-key");
        if (migrate)
        {
            builder.ApplyMigrationsOnStartup();
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task StartAsync(IServiceProvider provider)
    {
        provider.GetRequiredService<IStartupValidator>().Validate();
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task UsePostgres_WithMigrationsOnStartup_WritesThroughTheFacadeWithASignedChain()
    {
        await using var provider = Build(migrate: true);
        await StartAsync(provider);
        var graph = provider.GetRequiredService<IReasoningGraph>();
        var node = await graph.AppendNodeAsync(Node(Id(1)));
        await graph.AppendEdgeAsync(Edge(node.Id, node.Id, Id(2)));
        var store = provider.GetRequiredService<PostgresGraphStore>();
        Assert.Same(store, provider.GetRequiredService<IReasoningGraphStore>());
        Assert.Equal(2, await store.GetMaxSeqAsync());
        using var signer = LocalEd25519Signer.FromSeed(Seed, "di-key");
        var verdict = await store.VerifyAuditChainAsync(SignerRegistry.For(signer));
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(2, verdict.VerifiedCount);
    }

    [Fact]
    public async Task UsePostgres_WithoutMigrationsOnStartup_LeavesTheDatabaseAlone()
    {
        await using var provider = Build(migrate: false);
        await StartAsync(provider);
        Assert.False(await fixture.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @n)", ("n", _schema)));
        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => provider.GetRequiredService<IReasoningGraph>().AppendNodeAsync(Node(Id(1))));
        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
    }

    [Fact]
    public async Task InvalidOptions_FailAtStartUpListingEveryProblem()
    {
        await using var provider = Build(migrate: true, options =>
        {
            options.GraphId = "";
            options.MaxWriteRetries = -1;
        });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public async Task OptionsBoundFromConfiguration_ReachTheStoreAndTheGraph()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReasoningGraph:MaxPayloadBytes"] = "2048",
            ["ReasoningGraph:NodeTypes:0"] = "forecast",
            ["ReasoningGraph:Postgres:ConnectionString"] = fixture.ConnectionString,
            ["ReasoningGraph:Postgres:Schema"] = _schema,
            ["ReasoningGraph:Postgres:GraphId"] = "configured",
            ["ReasoningGraph:Postgres:CommandTimeout"] = "00:00:07",
        }).Build();
        var services = new ServiceCollection();
        services.AddReasoningGraph(configuration.GetSection("ReasoningGraph"))
            .UsePostgres(configuration.GetSection("ReasoningGraph:Postgres"))
            .UseEd25519Signer(Seed, "di-key")
            .ApplyMigrationsOnStartup();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await StartAsync(provider);

        var store = provider.GetRequiredService<PostgresGraphStore>();
        Assert.Equal("configured", store.GraphId);
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value.CommandTimeout);
        var graph = provider.GetRequiredService<IReasoningGraph>();
        await graph.AppendNodeAsync(Node(Id(1), type: "forecast")); // a type only the configuration adds
        var tooBig = await Assert.ThrowsAsync<ReasoningGraphException>(() => graph.AppendNodeAsync(Node(Id(2), payload: "{\"text\":\"" + new string('x', 3000) + "\"}")));
        Assert.Equal(ErrorCodes.InvalidPayload, tooBig.ErrorCode);
        Assert.Contains("limit is 2048", tooBig.Message, StringComparison.Ordinal);
        Assert.Equal(1, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task ASectionWithoutAConnectionString_FailsAtStartUp_WithEveryProblemListed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Postgres:Schema"] = "Not An Identifier",
        }).Build();
        var services = new ServiceCollection();
        services.AddReasoningGraph().UsePostgres(configuration.GetSection("Postgres")).UseEd25519Signer(Seed, "di-key");
        await using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, f => f.Contains("ConnectionString is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Schema", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsePostgres_OnTheApplicationsDataSource_MigratesAndWritesThroughIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString)); // the application's, as AddNpgsqlDataSource registers it
        services.AddReasoningGraph()
            .UsePostgres(provider => provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), options => options.Schema = _schema)
            .UseEd25519Signer(Seed, "di-key")
            .ApplyMigrationsOnStartup();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate(); // no connection string needed
        await StartAsync(provider);

        await provider.GetRequiredService<IReasoningGraph>().AppendNodeAsync(Node(Id(1)));
        Assert.Equal(1, await fixture.ScalarAsync<long>($"SELECT count(*) FROM \"{_schema}\".nodes"));
        Assert.Equal(1, await provider.GetRequiredService<PostgresGraphStore>().GetMaxSeqAsync());
    }

    [Fact]
    public async Task UsePostgres_OnADataSource_StillChecksTheOtherOptionsAtStartUp()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString));
        services.AddReasoningGraph()
            .UsePostgres(provider => provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), options => options.Schema = "Not An Identifier")
            .UseEd25519Signer(Seed, "di-key");
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, f => f.Contains("Schema", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("ConnectionString", StringComparison.Ordinal));
    }
}
