using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The store (<see cref="StoreOptions"/>): PostgreSQL when DATABASE_URL is set, migrated at start-up when
/// MIGRATE_ON_START says so, else the embedded in-memory store journaled under DATA_DIR.
/// </summary>
internal static class StoreConfiguration
{
    public static string Describe(StoreOptions options) =>
        options.ConnectionString is null ? "embedded (journal " + options.JournalPath + ")" : "postgres";

    public static void Add(IServiceCollection services, StoreOptions options)
    {
        var graph = services.AddReasoningGraph(graphOptions =>
        {
            if (!options.CursorKey.IsEmpty)
            {
                graphOptions.CursorKey = options.CursorKey;
            }
        });
        if (options.ConnectionString is not { } connectionString)
        {
            graph.UseInMemoryStore(options.JournalPath);
            return;
        }

        graph.UsePostgres(connectionString, postgres =>
        {
            postgres.GraphId = options.GraphId ?? postgres.GraphId;
            postgres.Schema = options.Schema ?? postgres.Schema;
        });

        // Audit events are signed by AUDIT_SIGNER_KID's signer when one is configured, else by the signer.
        services.Replace(ServiceDescriptor.Singleton(static provider => new PostgresGraphStore(
            provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value,
            provider.GetService<AuditSigner>()?.Signer ?? provider.GetService<IDigestSigner>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<PostgresGraphStore>>())));
        if (options.MigrateOnStart)
        {
            graph.ApplyMigrationsOnStartup();
        }
    }
}
