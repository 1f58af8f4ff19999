using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive;

/// <summary>
/// One finisher of the snapshot work list (the host's background worker runs it on a timer): claims due snapshots from
/// an <see cref="ISnapshotWorkClaims"/>, signs the pending ones (<see cref="SnapshotService.FinishAsync"/>), puts each
/// signed document once into the archive of its audience (<see cref="SnapshotArchives"/>) and records it archived. A
/// failure (signer, store or archive) gives the snapshot back with exponential backoff — <see cref="RetryBaseDelay"/>
/// × 2^(attempts − 1), ±20 %, capped by <see cref="RetryMaxDelay"/> — stored beside it, so finishers on other hosts
/// and after restarts keep it.
/// </summary>
/// <param name="claims">The work list (the snapshot store).</param>
/// <param name="service">Signs pending snapshots.</param>
/// <param name="archives">Where signed documents go, by audience; null when none is configured (then nothing is archived).</param>
/// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
public sealed class SnapshotFinisher(ISnapshotWorkClaims claims, SnapshotService service, SnapshotArchives? archives, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Snapshots claimed per store round trip.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How long a claim hides a snapshot from other finishers (longer than a signature and a put may take).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its creation a pending snapshot is left to the request that created it.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait after a snapshot's first failure.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts at one snapshot.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Claims and finishes batches until no snapshot is due.</summary>
    /// <param name="cancellationToken">Cancels the pass; a snapshot claimed and not finished is due again when its lease ends.</param>
    /// <returns>What the pass did.</returns>
    /// <exception cref="ReasoningGraphException"><c>STORE_UNAVAILABLE</c> when claiming fails.</exception>
    public async Task<SnapshotFinisherPass> RunPassAsync(CancellationToken cancellationToken = default)
    {
        var pass = new SnapshotFinisherPass();
        while (true)
        {
            var claimed = await claims.ClaimAsync(new SnapshotClaimRequest
            {
                Limit = BatchSize, Now = _time.GetUtcNow(), Lease = Lease, Grace = Grace, IncludeUnarchived = archives is not null,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var item in claimed)
            {
                await ProcessAsync(item, pass, cancellationToken).ConfigureAwait(false);
            }

            if (claimed.Count < BatchSize)
            {
                return pass;
            }
        }
    }

    /// <summary>The backoff after a snapshot's <paramref name="attempts"/>th failed attempt.</summary>
    /// <param name="attempts">The attempts so far (1 or more).</param>
    /// <returns>The wait, with ±20 % jitter so finishers spread out.</returns>
    internal TimeSpan Backoff(int attempts)
    {
        double factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30)) * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
    }

    private async Task ProcessAsync(SnapshotWorkItem item, SnapshotFinisherPass pass, CancellationToken cancellationToken)
    {
        var snapshot = item.Snapshot;
        if (snapshot.Status == SnapshotStatus.Pending)
        {
            try
            {
                snapshot = await service.FinishAsync(snapshot, cancellationToken).ConfigureAwait(false);
                if (snapshot.Status != SnapshotStatus.Signed)
                {
                    return; // signing was held meanwhile: the snapshot waits on hold, nothing to archive
                }

                pass.SignedCount++;
            }
            catch (ReasoningGraphException e) when (e.ErrorCode is ErrorCodes.SigningFailure or ErrorCodes.StoreUnavailable)
            {
                await RetryLaterAsync(item, e.ErrorCode, pass, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (archives is null)
        {
            return;
        }

        try
        {
            // The document bytes exactly as signed and served: the archive reads its metadata from them.
            await archives.For(snapshot.Audience).PutAsync(ArchiveDocument.FromDocument(snapshot.Document), cancellationToken).ConfigureAwait(false);
            pass.ArchivedCount++;
        }
        catch (ArchiveException e) when (e.Reason == ArchiveFailureReasons.AlreadyArchived)
        {
            // A finisher that stopped after its put and before recording it: the copy is there, which is all that counts.
            pass.FoundArchivedCount++;
        }
        catch (ArchiveException e)
        {
            await RetryLaterAsync(item, e.Reason, pass, cancellationToken).ConfigureAwait(false);
            return;
        }

        await claims.MarkArchivedAsync(snapshot.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task RetryLaterAsync(SnapshotWorkItem item, string error, SnapshotFinisherPass pass, CancellationToken cancellationToken)
    {
        pass.FailedCount++;
        pass.LastError = error;
        await claims.RetryLaterAsync(item.Snapshot.Id, _time.GetUtcNow() + Backoff(item.Attempts), error, cancellationToken).ConfigureAwait(false);
    }
}
