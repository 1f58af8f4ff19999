using System.Threading.Channels;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// Ids of snapshots taken by a request (signed, or left pending by a failed signer), handed to
/// <see cref="SnapshotWorker"/> so they are archived once signed without waiting for its next pass. In memory only: what a crash loses here is archived by <c>export-snapshots</c>, not by the worker.
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
