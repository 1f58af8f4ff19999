namespace ReasoningGraph.Snapshots;

/// <summary>Who a snapshot is for (DESIGN.md, "Snapshots"); written into the payload as <c>audience</c>.</summary>
public enum SnapshotAudience
{
    /// <summary><c>operator</c>: built from redacted content, <c>pii_included: false</c>.</summary>
    Operator = 0,

    /// <summary><c>auditor</c>: may include PII; requires the caller to hold <c>export:pii</c>.</summary>
    Auditor = 1,
}
