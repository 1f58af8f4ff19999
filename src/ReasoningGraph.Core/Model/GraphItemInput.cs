using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>
/// An item to write: a <see cref="NodeInput"/>, an <see cref="EdgeInput"/> or an <see cref="AnnotationInput"/>.
/// In the interchange format each line is one input tagged by <c>"kind"</c>.
/// </summary>
/// <remarks>
/// Inputs are records: <c>input with { Id = … }</c> is a copy with one member changed. Their equality is the
/// record's, member by member; a JSON member (<c>Payload</c>, <c>Metadata</c>) is equal only to the same element of
/// the same parsed document, never by content, so two inputs parsed separately from the same JSON are not equal.
/// Compare content by canonical JSON instead. <see cref="ToString"/> prints the type and id only.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NodeInput), "node")]
[JsonDerivedType(typeof(EdgeInput), "edge")]
[JsonDerivedType(typeof(AnnotationInput), "annotation")]
public abstract record GraphItemInput
{
    private protected GraphItemInput()
    {
    }

    /// <summary>
    /// Keeps every derived input inside this assembly: a record's copy constructor must be protected, which alone
    /// would let others derive.
    /// </summary>
    private protected abstract void DerivedInCoreOnly();

    /// <summary>
    /// The client-chosen id, or null to have one generated (a UUIDv7). Writes are idempotent on it: the same
    /// id with the same content succeeds and changes nothing; with different content it is a <c>CONFLICT</c>.
    /// </summary>
    [JsonPropertyOrder(-10)]
    public Guid? Id { get; init; }

    /// <summary>
    /// Null for an ordinary write (the store assigns the time). Set only by imports and replays, which keep the
    /// time they carry; it is stored at microsecond precision (truncated) in UTC.
    /// </summary>
    [JsonConverter(typeof(NullableRfc3339NanoConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Which kind of item this input writes.</summary>
    [JsonIgnore]
    public abstract GraphItemKind Kind { get; }

    /// <summary>
    /// Builds the stored item for this input. Stores call this once they have assigned the sequence number.
    /// </summary>
    /// <param name="seq">The store-assigned sequence number.</param>
    /// <param name="createdAt">The store's time, used unless the input carries <see cref="CreatedAt"/>.</param>
    /// <returns>The item, with metadata defaulted to <c>{}</c> and the time at microsecond precision.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Id"/> is null.</exception>
    public abstract GraphItem ToItem(long seq, DateTimeOffset createdAt);

    /// <summary>Its type and id only: the payload may carry PII, and inputs end up in logs.</summary>
    /// <returns>For example <c>NodeInput 0190…</c>, or <c>NodeInput (no id)</c> before one is assigned.</returns>
    public sealed override string ToString() => $"{GetType().Name} {(Id is { } id ? id.ToString() : "(no id)")}";

    /// <summary>The id, which must have been assigned.</summary>
    private protected Guid RequiredId => Id ?? throw new InvalidOperationException("The input has no id; assign one before storing it.");

    /// <summary>The time to store: the carried one, else the store's, at microsecond precision.</summary>
    private protected DateTimeOffset StoredTime(DateTimeOffset storeTime) => Rfc3339Nano.ToStoredPrecision(CreatedAt ?? storeTime);
}
