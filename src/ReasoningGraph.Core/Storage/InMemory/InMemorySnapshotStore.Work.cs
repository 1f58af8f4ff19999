using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The snapshot work queue in memory: claims, leases and backoff live in this process only, so finishers sharing one
/// store instance never work on the same snapshot, but two processes (each with its own store) know nothing of each
/// other. Like the rest of this store it is for one process; several hosts need the PostgreSQL store.
/// </summary>
public sealed partial class InMemorySnapshotStore : ISnapshotWorkClaims
{
    private readonly Dictionary<Guid, WorkState> _work = [];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SnapshotWorkItem>> ClaimAsync(SnapshotClaimRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Limit);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var claimed = new List<SnapshotWorkItem>();
            foreach (var snapshot in _byId.Values.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id))
            {
                var state = _work.GetValueOrDefault(snapshot.Id);
                if (claimed.Count == request.Limit || !IsDue(snapshot, state, request))
                {
                    continue;
                }

                int attempts = (state?.Attempts ?? 0) + 1;
                _work[snapshot.Id] = new WorkState(attempts, request.Now + request.Lease, Archived: false);
                claimed.Add(new SnapshotWorkItem(snapshot, attempts));
            }

            return claimed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public Task RetryLaterAsync(Guid id, DateTimeOffset nextAttemptAt, string errorCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        return UpdateWorkAsync(id, state => state with { NextAttemptAt = nextAttemptAt }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task MarkArchivedAsync(Guid id, DateTimeOffset archivedAt, CancellationToken cancellationToken = default) =>
        UpdateWorkAsync(id, state => state with { Archived = true }, cancellationToken);

    private static bool IsDue(StoredSnapshot snapshot, WorkState? state, SnapshotClaimRequest request) => snapshot.Status switch
    {
        SnapshotStatus.Pending => (state?.NextAttemptAt ?? snapshot.CreatedAt + request.Grace) <= request.Now,
        _ => request.IncludeUnarchived && state is not { Archived: true } && (state?.NextAttemptAt ?? DateTimeOffset.MinValue) <= request.Now,
    };

    private async Task UpdateWorkAsync(Guid id, Func<WorkState, WorkState> update, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_byId.ContainsKey(id))
            {
                _work[id] = update(_work.GetValueOrDefault(id) ?? new WorkState(0, null, Archived: false));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A snapshot's place in the work queue.</summary>
    private sealed record WorkState(int Attempts, DateTimeOffset? NextAttemptAt, bool Archived);
}
