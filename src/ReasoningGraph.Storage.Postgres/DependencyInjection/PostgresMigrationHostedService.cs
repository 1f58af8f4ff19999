using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Errors;
using ReasoningGraph.Storage.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Runs <see cref="PostgresMigrator"/> when the host starts. A database that cannot be reached, or only as a standby,
/// does not stop the start-up: the host comes up (its readiness reports the store) and the migration is retried in
/// the background until a primary answers. A migration history that differs from this package's still stops it.
/// </summary>
internal sealed class PostgresMigrationHostedService(
    IOptions<PostgresStoreOptions> options, ILoggerFactory? loggerFactory = null, PostgresDataSourceRegistration? dataSource = null) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger<PostgresMigrator> _logger = loggerFactory?.CreateLogger<PostgresMigrator>() ?? NullLogger<PostgresMigrator>.Instance;
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryMigrateAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            Log.MigrationDeferred(_logger, options.Value.Schema, failure.Message, (int)RetryInterval.TotalSeconds);
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken stopping)
    {
        int attempts = 1;
        while (!stopping.IsCancellationRequested)
        {
            await Task.Delay(RetryInterval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            attempts++;
            try
            {
                if (await TryMigrateAsync(stopping).ConfigureAwait(false) is null)
                {
                    Log.MigrationCaughtUp(_logger, options.Value.Schema, attempts);
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not the database being away (a changed migration history, missing rights): retrying cannot help.
                Log.MigrationGaveUp(_logger, options.Value.Schema, e.Message);
                return;
            }
        }
    }

    /// <summary>Null when the schema is current; the failure when the database is unreachable or read-only.</summary>
    private async Task<ReasoningGraphException?> TryMigrateAsync(CancellationToken cancellationToken)
    {
        var migrator = dataSource is null
            ? new PostgresMigrator(options.Value, _logger)
            : new PostgresMigrator(dataSource.DataSource, options.Value, _logger);
        await using (migrator.ConfigureAwait(false))
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (ReasoningGraphException e) when (e.ErrorCode == ErrorCodes.StoreUnavailable && !cancellationToken.IsCancellationRequested)
            {
                return e;
            }
        }
    }
}
