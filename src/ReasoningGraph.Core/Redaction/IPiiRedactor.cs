using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Redaction;

/// <summary>
/// Redacts catalogued personal data for readers without <c>read:pii</c>. Redaction happens on read and works on
/// copies: the stored item and every <see cref="JsonElement"/> passed in are never altered, and an item with
/// nothing to redact is returned as the same instance. Thread-safe.
/// </summary>
/// <remarks>
/// Catalog paths apply to each JSON document separately: a node's <c>payload</c> and <c>metadata</c>, an edge's
/// <c>metadata</c>, an annotation's <c>payload</c>. Other fields (ids, types, authors, times) are not redacted.
/// </remarks>
public interface IPiiRedactor
{
    /// <summary>The catalog's <c>policy_version</c>, for example to record as a snapshot's <c>pii_policy_version</c>.</summary>
    string PolicyVersion { get; }

    /// <summary>The catalog in use.</summary>
    PiiCatalog Catalog { get; }

    /// <summary>Redacts any JSON document (a payload, metadata, or anything shaped like one).</summary>
    /// <param name="document">The document; paths are rooted at it.</param>
    /// <returns>The redacted copy, or <paramref name="document"/> itself when nothing matched.</returns>
    JsonElement Redact(JsonElement document);

    /// <summary>Redacts a node's payload and metadata.</summary>
    /// <param name="node">The node.</param>
    /// <returns>A copy with redacted payload and metadata (same id, seq, times), or <paramref name="node"/> when nothing matched.</returns>
    ReasoningNode Redact(ReasoningNode node);

    /// <summary>Redacts an edge's metadata.</summary>
    /// <param name="edge">The edge.</param>
    /// <returns>A copy with redacted metadata, or <paramref name="edge"/> when nothing matched.</returns>
    ReasoningEdge Redact(ReasoningEdge edge);

    /// <summary>Redacts an annotation's payload.</summary>
    /// <param name="annotation">The annotation.</param>
    /// <returns>A copy with a redacted payload, or <paramref name="annotation"/> when nothing matched.</returns>
    ReasoningAnnotation Redact(ReasoningAnnotation annotation);

    /// <summary>Redacts an item of any kind (dispatches to the overload of its kind).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The redacted copy, or <paramref name="item"/> when nothing matched.</returns>
    GraphItem Redact(GraphItem item);
}
