using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>
/// An item to write: a <see cref="NodeInput"/>, an <see cref="EdgeInput"/> or an <see cref="AnnotationInput"/>.
/// In the interchange format each line is one input tagged by <c>"kind"</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NodeInput), "node")]
[JsonDerivedType(typeof(EdgeInput), "edge")]
[JsonDerivedType(typeof(AnnotationInput), "annotation")]
public abstract class GraphItemInput
{
    private protected GraphItemInput()
    {
    }

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

    /// <summary>The same input with <see cref="Id"/> set.</summary>
    internal abstract GraphItemInput WithId(Guid id);

    /// <summary>The id, which must have been assigned.</summary>
    private protected Guid RequiredId => Id ?? throw new InvalidOperationException("The input has no id; assign one before storing it.");

    /// <summary>The time to store: the carried one, else the store's, at microsecond precision.</summary>
    private protected DateTimeOffset StoredTime(DateTimeOffset storeTime) => Rfc3339Nano.ToStoredPrecision(CreatedAt ?? storeTime);
}
