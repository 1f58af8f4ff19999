using ReasoningGraph.Model;

namespace ReasoningGraph.Snapshots;

/// <summary>
/// Removes catalogued PII from the items of an operator snapshot (the seam the PII redactor of DESIGN.md,
/// "Redaction", plugs into). Operator snapshots are built only from what this returns.
/// </summary>
/// <remarks>Implementations are thread-safe and deterministic: the same item always redacts to the same item.</remarks>
public interface ISnapshotRedactor
{
    /// <summary>The catalog's <c>policy_version</c>, written into every snapshot as <c>pii_policy_version</c>.</summary>
    string PolicyVersion { get; }

    /// <summary>The item as a reader without <c>read:pii</c> may see it: payload, metadata and annotation payloads redacted.</summary>
    /// <param name="item">A stored node, edge or annotation; never changed.</param>
    /// <returns>The redacted copy, or <paramref name="item"/> itself when nothing in it is catalogued.</returns>
    GraphItem Redact(GraphItem item);
}
