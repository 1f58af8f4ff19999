using ReasoningGraph.Archive;

namespace ReasoningGraph.Host.Background;

/// <summary>What this host's <see cref="SnapshotWorker"/> did since it started (read by tests and benchmarks).</summary>
internal sealed class SnapshotWorkerStatistics
{
    private int _signed;
    private int _archived;
    private int _foundArchived;
    private int _failed;

    /// <summary>Pending snapshots this worker signed.</summary>
    public int SignedCount => Volatile.Read(ref _signed);

    /// <summary>Documents this worker put into the archive.</summary>
    public int ArchivedCount => Volatile.Read(ref _archived);

    /// <summary>Puts the archive refused as <c>already-archived</c> (a copy written earlier, by a worker that crashed before recording it).</summary>
    public int FoundArchivedCount => Volatile.Read(ref _foundArchived);

    /// <summary>Snapshots a pass could not sign or archive (each retried later).</summary>
    public int FailedCount => Volatile.Read(ref _failed);

    public void Add(ReasoningGraph.Archive.SnapshotFinisherPass pass)
    {
        Interlocked.Add(ref _signed, pass.SignedCount);
        Interlocked.Add(ref _archived, pass.ArchivedCount);
        Interlocked.Add(ref _foundArchived, pass.FoundArchivedCount);
        Interlocked.Add(ref _failed, pass.FailedCount);
    }
}
