using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Storage.InMemory;

public sealed partial class InMemorySnapshotStore : ISnapshotBacklog
{
    /// <inheritdoc/>
    /// <remarks>Archiving is tracked in memory: after a restart, signed snapshots count as unarchived until the worker has seen them archived.</remarks>
    public async Task<SnapshotBacklog> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long pending = 0;
            DateTimeOffset? oldest = null;
            foreach (var snapshot in _byId.Values)
            {
                if (snapshot.Status == SnapshotStatus.Pending)
                {
                    pending++;
                }
                else if (snapshot.Status == SnapshotStatus.Signed && _work.GetValueOrDefault(snapshot.Id) is not { Archived: true } && (oldest is null || snapshot.CreatedAt < oldest))
                {
                    oldest = snapshot.CreatedAt;
                }
            }

            return new SnapshotBacklog(pending, 0, oldest);
        }
        finally
        {
            _gate.Release();
        }
    }
}
