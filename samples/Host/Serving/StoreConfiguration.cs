using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Errors;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;
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

    /// <summary>
    /// Opens the embedded store now, replaying its journal, so a journal that cannot load is a start-up refusal
    /// (exit 2) saying how to repair it, not a background failure after the service has answered /health.
    /// </summary>
    /// <returns>The problem, or null when the store opened (or the store is PostgreSQL).</returns>
    public static string? OpenEmbeddedStore(IServiceProvider services, StoreOptions options)
    {
        if (options.ConnectionString is not null)
        {
            return null;
        }

        try
        {
            services.GetRequiredService<IReasoningGraphStore>();
            return null;
        }
        catch (ReasoningGraphException e) when (e.Details.TryGetValue("reason", out string? reason) && reason is "torn-line" or "torn-batch")
        {
            return $"DATA_DIR: the journal '{options.JournalPath}' ends in an interrupted write (an incomplete {(reason == "torn-line" ? "line" : "batch")} " +
                $"from line {e.Details.GetValueOrDefault("line")}). Run 'reasoning-graph journal repair --data-dir {options.DataDirectory}' to cut it back to its " +
                "last complete batch (the damaged file is kept beside it), then start again.";
        }
        catch (ReasoningGraphException e)
        {
            return $"DATA_DIR: the journal '{options.JournalPath}' is damaged: {e.Message} Cutting its tail cannot repair this: restore DATA_DIR from a " +
                "backup, or rebuild from an export (docs/runbooks/replay-rebuild.md); 'reasoning-graph journal check' shows what is wrong.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"DATA_DIR: the journal '{options.JournalPath}' cannot be opened: {e.Message}";
        }
    }

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
            // As on PostgreSQL: audit events are signed by AUDIT_SIGNER_KID's signer when one is configured, else by the signer.
            graph.UseInMemoryStore(options.JournalPath);
            services.Replace(ServiceDescriptor.Singleton<IReasoningGraphStore>(static provider => new InMemoryGraphStore(
                provider.GetRequiredService<IOptions<InMemoryStoreOptions>>().Value,
                provider.GetService<TimeProvider>(),
                provider.GetService<ILogger<InMemoryGraphStore>>(),
                AuditSigner.Of(provider))));
            return;
        }

        graph.UsePostgres(connectionString, postgres =>
        {
            postgres.GraphId = options.GraphId ?? postgres.GraphId;
            postgres.Schema = options.Schema ?? postgres.Schema;
            postgres.AuditSigning = options.AuditSigning;
            postgres.InlineSigningBudget = options.AuditSigningBudget;
            postgres.ReadConnectionString = options.ReadConnectionString;
        });

        // Audit events are signed by AUDIT_SIGNER_KID's signer when one is configured, else by the signer.
        services.Replace(ServiceDescriptor.Singleton(static provider => new PostgresGraphStore(
            provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value,
            AuditSigner.Of(provider),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILogger<PostgresGraphStore>>())));
        if (options.MigrateOnStart)
        {
            graph.ApplyMigrationsOnStartup();
        }
    }
}
