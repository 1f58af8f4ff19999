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
}
