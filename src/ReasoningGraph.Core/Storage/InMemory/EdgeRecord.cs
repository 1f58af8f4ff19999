namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// A stored edge in 56 bytes: endpoints as node indices, the type interned, the time as ticks, rare fields
/// (non-empty metadata, audit event id) in a side object. <see cref="ReasoningGraph.Model.ReasoningEdge"/> objects
/// are made on read.
/// </summary>
internal struct EdgeRecord
{
    public Guid Id;
    public int From;
    public int To;
    public int TypeId;
    public int Seq;
    public long CreatedTicks;

    /// <summary>The weight, NaN when absent (weights are finite).</summary>
    public double Weight;

    /// <summary>Null when metadata is <c>{}</c> and there is no audit event id.</summary>
    public EdgeExtra? Extra;
}
