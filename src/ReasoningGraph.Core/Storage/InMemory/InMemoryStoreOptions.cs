namespace ReasoningGraph.Storage.InMemory;

/// <summary>Settings of the embedded store.</summary>
public sealed class InMemoryStoreOptions
{
    /// <summary>
    /// The append-only journal (interchange JSONL) that makes the store survive restarts, or null for a purely
    /// in-memory store. The file is replayed at start-up and every committed batch is appended to it; the file and its
    /// directory are created when missing.
    /// Default: null.
    /// </summary>
    public string? JournalPath { get; set; }

    /// <summary>
    /// When the journal ends in an incomplete line or an incomplete batch (a crash mid-write), cut it back to the
    /// last complete batch and log a warning, instead of refusing to start. Default: false.
    /// </summary>
    public bool TruncateTornJournalTail { get; set; }

    /// <summary>Whether each batch is flushed through to the disk (fsync) before the append returns. Default: true.</summary>
    public bool FlushToDisk { get; set; } = true;
}
