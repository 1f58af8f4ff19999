using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReasoningGraph.Storage.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs <see cref="PostgresMigrator"/> when the host starts; a failure stops the start-up.</summary>
internal sealed class PostgresMigrationHostedService(IOptions<PostgresStoreOptions> options, ILoggerFactory? loggerFactory = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrator = new PostgresMigrator(options.Value, loggerFactory?.CreateLogger<PostgresMigrator>());
        await using (migrator.ConfigureAwait(false))
        {
            await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
