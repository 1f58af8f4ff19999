using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Serving;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// The PostgreSQL store itself (not the graph service), for the commands that move whole graphs: <c>import</c>
/// writes with the service's signer, configured from the same environment variables (<c>SIGNING_KEY_PATH</c>,
/// <c>SIGNING_PROXY_URL</c>, …; see <see cref="SigningConfiguration"/>), so imported items are audited exactly like
/// the service's writes; <c>export</c> only reads and needs none.
/// </summary>
internal sealed class DatabaseStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DatabaseStore(ServiceProvider services)
    {
        _services = services;
        Store = services.GetRequiredService<PostgresGraphStore>();
    }

    public PostgresGraphStore Store { get; }

    public static async Task<DatabaseStore> OpenAsync(PostgresStoreOptions database, bool withSigner)
    {
        var services = new ServiceCollection();
        services.AddReasoningGraph().UsePostgres(database.ConnectionString!, options =>
        {
            options.Schema = database.Schema;
            options.GraphId = database.GraphId;
        });
        if (withSigner)
        {
            // The command line never falls back to a generated development key: a signer must be configured.
            var signing = EnvironmentSettings.Read(settings => SigningSettings.Read(settings, isDevelopment: false));
            SigningConfiguration.AddSigning(services, signing, isDevelopment: false);
        }

        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            if (withSigner && provider.GetRequiredService<IOptions<SigningOptions>>().Value.Signer == SignerKind.None)
            {
                throw new UsageException("This command writes signed audit events (imported items, switch changes): set SIGNING_KEY_PATH (a key from 'reasoning-graph keygen') or SIGNING_PROXY_URL, as for the service.");
            }

            return new DatabaseStore(provider);
        }
        catch (Exception e)
        {
            await provider.DisposeAsync();
            throw StartupProblems.Of(e) is { } problems ? new UsageException(string.Join(" ", problems)) : e;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
