namespace ReasoningGraph.Snapshots;

/// <summary>Where a stored snapshot is in its lifecycle.</summary>
public enum SnapshotStatus
{
    /// <summary>Built and stored, but not signed yet: never served (<c>SNAPSHOT_NOT_READY</c>).</summary>
    Pending = 0,

    /// <summary>The signature and the exact document bytes both exist, with the snapshot's audit event.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The status name of DESIGN.md and the snapshots table.")]
    Signed = 1,

    /// <summary>
    /// Not signed, and not to be signed while the graph's signing is held (<see cref="Controls.GraphControl.SigningHold"/>):
    /// releasing the hold makes it <see cref="Pending"/> again.
    /// </summary>
    OnHold = 2,
}
