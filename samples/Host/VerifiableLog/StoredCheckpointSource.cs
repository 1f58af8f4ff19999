using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>
/// The checkpoint snapshot documents carry (<c>log_checkpoint</c>, outside the signed bytes): the latest stored one,
/// when checkpoints are stored; none otherwise (signing one of the whole chain per snapshot would read the chain each time).
/// </summary>
internal sealed class StoredCheckpointSource(PublishedLog log) : ILogCheckpointSource
{
    public async Task<string?> GetCurrentCheckpointAsync(CancellationToken cancellationToken = default) =>
        log.Stored is { } store ? (await store.GetLatestCheckpointAsync(cancellationToken))?.SignedNote : null;
}
