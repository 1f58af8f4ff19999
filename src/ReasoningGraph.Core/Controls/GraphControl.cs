namespace ReasoningGraph.Controls;

/// <summary>An operator's switch on a graph, set and cleared at run time (durable, audited).</summary>
public enum GraphControl
{
    /// <summary>
    /// Snapshot signing is held: new snapshots are stored <c>on_hold</c>, pending ones are put on hold, and nothing
    /// signs a snapshot until the hold is released, which queues them again (the runbook's canonicalization-mismatch
    /// procedure). Writes and their audit events go on.
    /// </summary>
    SigningHold,

    /// <summary>Every write is refused with <c>READ_ONLY</c>; reads go on (the runbook's "Kernel unreachable" procedure).</summary>
    ReadOnly,
}
