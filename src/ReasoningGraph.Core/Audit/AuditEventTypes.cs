namespace ReasoningGraph.Audit;

/// <summary>The <c>eventType</c> values of audit events (INTEROP §4).</summary>
public static class AuditEventTypes
{
    /// <summary>A node was written.</summary>
    public const string NodeCreated = "reason.node.created";

    /// <summary>An edge was written.</summary>
    public const string EdgeCreated = "reason.edge.created";

    /// <summary>An annotation was written.</summary>
    public const string AnnotationCreated = "reason.annotation.created";

    /// <summary>A snapshot was signed and stored.</summary>
    public const string SnapshotCreated = "reason.snapshot.created";

    /// <summary>An operator held snapshot signing (<see cref="Controls.GraphControl.SigningHold"/> on).</summary>
    public const string SigningHeld = "reason.signing.held";

    /// <summary>An operator released the signing hold.</summary>
    public const string SigningReleased = "reason.signing.released";

    /// <summary>An operator made the graph read-only (<see cref="Controls.GraphControl.ReadOnly"/> on).</summary>
    public const string ReadOnlyEnabled = "reason.read_only.enabled";

    /// <summary>An operator allowed writes again.</summary>
    public const string ReadOnlyDisabled = "reason.read_only.disabled";

    /// <summary>
    /// A signed checkpoint of the chain was stored (<see cref="ICheckpointStore"/>): its <c>entityId</c> is the
    /// checkpoint's id, its <c>entityHash</c> the SHA-256 of the signed note; the checkpoint covers events before this one.
    /// </summary>
    public const string CheckpointStored = "reason.log.checkpoint";

    /// <summary>Every type above: what "any type" means when looking up an entity's event.</summary>
    internal static readonly string[] All =
        [NodeCreated, EdgeCreated, AnnotationCreated, SnapshotCreated, SigningHeld, SigningReleased, ReadOnlyEnabled, ReadOnlyDisabled, CheckpointStored];
}
