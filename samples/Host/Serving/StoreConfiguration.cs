using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The store: PostgreSQL when DATABASE_URL is set (migrated on start in Development or with MIGRATE_ON_START=true),
/// else the embedded in-memory store journaled under DATA_DIR (default <c>./data</c>). GRAPH_ID picks the graph
/// within the database (default <c>default</c>).
/// </summary>
internal static class StoreConfiguration
{
    public static string Describe(IConfiguration configuration) =>
        ConfigurationFlags.Text(configuration, "DATABASE_URL") is null ? "embedded (journal " + JournalPath(configuration) + ")" : "postgres";

    public static void Add(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var graph = builder.Services.AddReasoningGraph(options =>
        {
            if (ConfigurationFlags.Text(configuration, "REASONING_GRAPH_CURSOR_KEY") is { } key)
            {
                options.CursorKey = Convert.FromBase64String(key);
            }
        });
        if (ConfigurationFlags.Text(configuration, "DATABASE_URL") is { } url)
        {
            if (!PostgresConnectionString.TryConvert(url, out string connectionString, out string problem))
            {
                throw new OptionsValidationException("DATABASE_URL", typeof(string), ["DATABASE_URL " + problem]);
            }

            graph.UsePostgres(connectionString, options => options.GraphId = ConfigurationFlags.Text(configuration, "GRAPH_ID") ?? options.GraphId);

            // Audit events are signed by AUDIT_SIGNER_KID's signer when one is configured, else by the signer.
            builder.Services.Replace(ServiceDescriptor.Singleton(static provider => new PostgresGraphStore(
                provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value,
                provider.GetService<AuditSigner>()?.Signer ?? provider.GetService<IDigestSigner>(),
                provider.GetService<TimeProvider>(),
                provider.GetService<ILogger<PostgresGraphStore>>())));
            if (builder.Environment.IsDevelopment() || ConfigurationFlags.Read(configuration, "MIGRATE_ON_START"))
            {
                graph.ApplyMigrationsOnStartup();
            }

            return;
        }

        string journal = JournalPath(configuration);
        Directory.CreateDirectory(Path.GetDirectoryName(journal)!);
        graph.UseInMemoryStore(journal);
    }

    private static string JournalPath(IConfiguration configuration) =>
        Path.GetFullPath(Path.Combine(ConfigurationFlags.Text(configuration, "DATA_DIR") ?? "data", "graph.journal"));
}
