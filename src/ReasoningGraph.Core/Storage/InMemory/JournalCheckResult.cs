namespace ReasoningGraph.Storage.InMemory;

/// <summary>What <see cref="InMemoryGraphStore.CheckJournal"/> or <see cref="InMemoryGraphStore.RepairJournal"/> found.</summary>
public sealed record JournalCheckResult
{
    /// <summary>The journal file.</summary>
    public required string Path { get; init; }

    /// <summary>The file's length in bytes when it was read.</summary>
    public required long Length { get; init; }

    /// <summary>The length of its complete batches: everything after this is a torn tail.</summary>
    public required long CommittedLength { get; init; }

    /// <summary>The complete batches replayed.</summary>
    public required long Batches { get; init; }

    /// <summary>The items in those batches.</summary>
    public required long Items { get; init; }

    /// <summary>The line where the torn tail starts (an interrupted write), or null when the journal ends cleanly.</summary>
    public long? TornTailLine { get; init; }

    /// <summary><c>torn-line</c> (the last line has no end) or <c>torn-batch</c> (a batch's last line is missing); null when intact.</summary>
    public string? TornTailReason { get; init; }

    /// <summary>Where <see cref="InMemoryGraphStore.RepairJournal"/> kept the damaged file before cutting it; null when nothing was cut.</summary>
    public string? BackupPath { get; init; }

    /// <summary>True when the journal ends in a complete batch (after a repair: it did before the cut).</summary>
    public bool IsIntact => TornTailLine is null;
}
