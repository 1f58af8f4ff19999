namespace ReasoningGraph.Storage.Postgres;

/// <summary>What <see cref="PostgresGraphStore.ImportAsync"/> wrote.</summary>
public sealed class ImportResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="created">Items written (each with its audit event).</param>
    /// <param name="replayed">Inputs that repeated a stored item exactly and changed nothing.</param>
    /// <param name="maxSeq">The graph's highest seq after the import.</param>
    public ImportResult(long created, long replayed, long maxSeq)
    {
        Created = created;
        Replayed = replayed;
        MaxSeq = maxSeq;
    }

    /// <summary>Items written (each with its audit event).</summary>
    public long Created { get; }

    /// <summary>Inputs that repeated a stored item exactly and changed nothing.</summary>
    public long Replayed { get; }

    /// <summary>The graph's highest seq after the import.</summary>
    public long MaxSeq { get; }
}
