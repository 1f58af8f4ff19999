using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the PostgreSQL store on the builder returned by <c>AddReasoningGraph()</c>.</summary>
public static class PostgresReasoningGraphBuilderExtensions
{
    /// <summary>
    /// Uses the PostgreSQL store (a singleton <see cref="PostgresGraphStore"/>, also resolvable by its own type for
    /// imports and audit verification) and its snapshot store (<see cref="PostgresGraphStore.Snapshots"/>). Audit events are signed by the registered <see cref="IDigestSigner"/>;
    /// without one, writes fail closed. The schema is not touched unless <see cref="ApplyMigrationsOnStartup"/> is
    /// also called. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Further settings (schema, graph id, timeouts); may be null.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UsePostgres(this ReasoningGraphBuilder builder, string connectionString, Action<PostgresStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddOptions<PostgresStoreOptions>()
            .Configure(options =>
            {
                options.ConnectionString = connectionString;
                configure?.Invoke(options);
            });
        return UseConfiguredPostgres(builder);
    }

    /// <summary>
    /// <see cref="UsePostgres(ReasoningGraphBuilder, string, Action{PostgresStoreOptions}?)"/> with every setting bound
    /// from <paramref name="configuration"/>, for example <c>builder.Configuration.GetSection("ReasoningGraph:Postgres")</c>:
    /// keys are the property names (<c>ConnectionString</c>, <c>ReadConnectionString</c>, <c>Schema</c>, <c>GraphId</c>,
    /// <c>CommandTimeout</c> as <c>00:00:30</c>, …). A missing <c>ConnectionString</c> is a start-up error, listed
    /// with every other problem of the section.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UsePostgres(this ReasoningGraphBuilder builder, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<PostgresStoreOptions>().Bind(configuration);
        return UseConfiguredPostgres(builder);
    }

    /// <summary>
    /// <see cref="UsePostgres(ReasoningGraphBuilder, string, Action{PostgresStoreOptions}?)"/> on a data source the
    /// application builds and owns, for example one registered with Npgsql's own <c>AddNpgsqlDataSource</c> (its
    /// pooling, logging and tracing settings apply; <see cref="PostgresStoreOptions.ConnectionString"/> and the
    /// store's timeout defaults do not). Migrations on start-up use it too.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="dataSource">Gives the data source (resolved once, when the store is first needed).</param>
    /// <param name="configure">Further settings (schema, graph id); may be null.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UsePostgres(
        this ReasoningGraphBuilder builder, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<PostgresStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        var services = builder.Services;
        services.AddOptions<PostgresStoreOptions>().Configure(options => configure?.Invoke(options)).ValidateOnStart();
        services.TryAddSingleton(provider => new PostgresDataSourceRegistration(dataSource(provider)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, DataSourceOptionsValidator>());
        services.TryAddSingleton(static provider => new PostgresGraphStore(
            provider.GetRequiredService<PostgresDataSourceRegistration>().DataSource,
            provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value,
            provider.GetService<IDigestSigner>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<PostgresGraphStore>>()));
        return builder
            .UseStore(static provider => provider.GetRequiredService<PostgresGraphStore>())
            .UseSnapshotStore(static provider => provider.GetRequiredService<PostgresGraphStore>().Snapshots);
    }

    /// <summary>The store and its snapshot store on the registered <see cref="PostgresStoreOptions"/>, validated at start-up.</summary>
    private static ReasoningGraphBuilder UseConfiguredPostgres(ReasoningGraphBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PostgresStoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>());
        services.TryAddSingleton(static provider => new PostgresGraphStore(
            provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value,
            provider.GetService<IDigestSigner>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<PostgresGraphStore>>()));
        return builder
            .UseStore(static provider => provider.GetRequiredService<PostgresGraphStore>())
            .UseSnapshotStore(static provider => provider.GetRequiredService<PostgresGraphStore>().Snapshots);
    }

    /// <summary>
    /// Applies the schema migrations when the host starts, before it serves (an explicit policy, never a side effect
    /// of <c>UsePostgres</c>). Safe with many instances starting at once: migrations are serialized by an
    /// advisory lock and applied once.
    /// </summary>
    /// <param name="builder">The builder, after <c>UsePostgres</c>.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder ApplyMigrationsOnStartup(this ReasoningGraphBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresMigrationHostedService>());
        return builder;
    }
}
