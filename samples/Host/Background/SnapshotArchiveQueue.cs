using System.Threading.Channels;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// Ids of snapshots taken by a request (signed, or left pending by a failed signer): a wake-up call to
/// <see cref="SnapshotWorker"/> so they are archived without waiting for its next pass. The worker reads what to do
/// from the store's work queue, not from here, so a crash loses nothing.
/// </summary>
/// <param name="workerRuns">False when no worker reads the queue: ids are then dropped rather than kept forever.</param>
internal sealed class SnapshotArchiveQueue(bool workerRuns)
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<Guid> Reader => _channel.Reader;

    public void Enqueue(Guid snapshotId)
    {
        if (workerRuns)
        {
            _channel.Writer.TryWrite(snapshotId);
        }
    }
}
