using ReasoningGraph.Errors;

namespace ReasoningGraph.Snapshots;

public sealed partial class SnapshotService
{
    /// <summary>
    /// Finishes pending snapshots (those whose signer failed): signs each and marks it signed. Passes repeat with
    /// exponential backoff and jitter while some fail, up to <see cref="SnapshotServiceOptions.RetryAttempts"/> passes.
    /// </summary>
    /// <param name="cancellationToken">Cancels the waits and the work; finished snapshots stay finished.</param>
    /// <returns>How many were completed and how many are still pending.</returns>
    public async Task<SnapshotRetryResult> RetryPendingAsync(CancellationToken cancellationToken = default)
    {
        int completed = 0;
        for (int attempt = 1; ; attempt++)
        {
            var (done, failed, error) = await CompletePendingOnceAsync(cancellationToken).ConfigureAwait(false);
            completed += done;
            if (failed == 0 || attempt >= _options.RetryAttempts)
            {
                return new SnapshotRetryResult(completed, failed, error);
            }

            await Task.Delay(Backoff(attempt), _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Finishes one pending snapshot (typically claimed from an <see cref="ISnapshotWorkClaims"/>): signs its stored
    /// bytes and marks it signed. A snapshot already signed is returned as it is, without asking for a signature.
    /// </summary>
    /// <param name="snapshot">The stored snapshot.</param>
    /// <param name="cancellationToken">Cancels the call; the snapshot stays pending.</param>
    /// <returns>The signed snapshot.</returns>
    /// <exception cref="ReasoningGraphException"><c>SIGNING_FAILURE</c> (it stays pending), <c>STORE_UNAVAILABLE</c>.</exception>
    public Task<StoredSnapshot> FinishAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return CompleteAsync(snapshot, cancellationToken);
    }

    /// <summary>One pass over the pending snapshots, oldest first.</summary>
    private async Task<(int Completed, int Failed, string? Error)> CompletePendingOnceAsync(CancellationToken cancellationToken)
    {
        int completed = 0, failed = 0;
        string? error = null;
        foreach (var pending in await _snapshots.ListPendingAsync(_options.PendingBatchSize, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await CompleteAsync(pending, cancellationToken).ConfigureAwait(false);
                completed++;
            }
            catch (ReasoningGraphException e) when (e.ErrorCode is ErrorCodes.SigningFailure or ErrorCodes.StoreUnavailable)
            {
                failed++;
                error = e.ErrorCode;
            }
        }

        return (completed, failed, error);
    }

    private TimeSpan Backoff(int attempt)
    {
        double factor = Math.Pow(2, attempt - 1) * (0.8 + (0.4 * Random.Shared.NextDouble()));
        double ticks = Math.Min(_options.RetryBaseDelay.Ticks * factor, _options.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
