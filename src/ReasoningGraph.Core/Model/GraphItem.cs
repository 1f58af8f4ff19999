using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>
/// A stored item: a <see cref="ReasoningNode"/>, a <see cref="ReasoningEdge"/> or a <see cref="ReasoningAnnotation"/>.
/// Items are immutable; nothing is ever updated or deleted.
/// </summary>
/// <remarks>
/// Serialized through this base type (for example in the interchange format) an item carries a
/// <c>"kind"</c> of <c>node</c>, <c>edge</c> or <c>annotation</c>; serialized as its own type it does not.
/// <para>
/// Items are records: <c>item with { Payload = … }</c> is a copy with one member changed. Their equality is the
/// record's, member by member (<see cref="Seq"/> included); a JSON member (<c>Payload</c>, <c>Metadata</c>) is equal
/// only to the same element of the same parsed document, never by content, so two reads of one item need not be
/// equal. Compare content by canonical JSON instead. <see cref="ToString"/> prints the type and id
/// only.
/// </para>
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ReasoningNode), "node")]
[JsonDerivedType(typeof(ReasoningEdge), "edge")]
[JsonDerivedType(typeof(ReasoningAnnotation), "annotation")]
public abstract record GraphItem
{
    private protected GraphItem()
    {
    }

    /// <summary>
    /// Keeps every derived item inside this assembly: a record's copy constructor must be protected, which alone
    /// would let others derive.
    /// </summary>
    private protected abstract void DerivedInCoreOnly();

    /// <summary>The item's id (a UUID, written in lowercase).</summary>
    [JsonPropertyOrder(-10)]
    public required Guid Id { get; init; }

    /// <summary>When the store accepted the item (UTC, microsecond precision), or the time an import carried.</summary>
    [JsonConverter(typeof(Rfc3339NanoConverter))]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The store-assigned sequence number: strictly increasing in write order, the basis of "as of" reads.
    /// Not part of the item's JSON.
    /// </summary>
    [JsonIgnore]
    public long Seq { get; init; }

    /// <summary>Which of the three item kinds this is.</summary>
    [JsonIgnore]
    public abstract GraphItemKind Kind { get; }

    /// <summary>Its type and id only: the payload may carry PII, and items end up in logs.</summary>
    /// <returns>For example <c>ReasoningNode 0190…</c>.</returns>
    public sealed override string ToString() => $"{GetType().Name} {Id}";
}
