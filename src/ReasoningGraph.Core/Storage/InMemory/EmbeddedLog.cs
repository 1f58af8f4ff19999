using System.Buffers.Text;
using System.Text.Json;
using ReasoningGraph.Audit;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The embedded store's chain as a verifiable log (INTEROP §8, behind <see cref="InMemoryGraphStore"/>): every event's
/// hash goes into an in-memory RFC 6962 tree that keeps its interior hashes (<see cref="MerkleTreeLevels"/>) as the
/// chain advances, on write and on replay alike, so roots and proofs never read the journal. The first event recording
/// each entity is indexed for <see cref="FindEventAsync"/>.
/// </summary>
internal sealed class EmbeddedLog : IVerifiableLog
{
    private static readonly JsonEncodedText EntityIdName = JsonEncodedText.Encode("entityId");

    private readonly MerkleTreeLevels _tree = new();
    private readonly Dictionary<(Guid Entity, string EventType), long> _firstEventOf = [];

    /// <inheritdoc/>
    public Task<long> GetTreeSizeAsync(CancellationToken cancellationToken = default) => Task.FromResult(_tree.Size);

    /// <inheritdoc/>
    public Task<byte[]> GetRootHashAsync(long treeSize, CancellationToken cancellationToken = default) => Task.FromResult(_tree.RootHash(treeSize));

    /// <inheritdoc/>
    public Task<byte[]> GetEventHashAsync(long index, CancellationToken cancellationToken = default) => Task.FromResult(_tree.LeafData(index));

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tree.InclusionProof(index, treeSize));

    /// <inheritdoc/>
    public Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tree.ConsistencyProof(oldSize, newSize));

    /// <inheritdoc/>
    public Task<long?> FindEventAsync(Guid entityId, string? eventType = null, CancellationToken cancellationToken = default)
    {
        lock (_firstEventOf)
        {
            long? found = null;
            foreach (string type in eventType is null ? AuditEventTypes.All : [eventType])
            {
                if (_firstEventOf.TryGetValue((entityId, type), out long position) && (found is null || position < found))
                {
                    found = position;
                }
            }

            return Task.FromResult(found);
        }
    }

    /// <summary>Adds durable events to the tree and the entity index, in chain order.</summary>
    public void Add(IReadOnlyList<AuditEvent> events)
    {
        Span<byte> hash = stackalloc byte[32];
        lock (_firstEventOf)
        {
            foreach (var auditEvent in events)
            {
                long position = _tree.Size;
                if (Convert.FromHexString(auditEvent.Hash, hash, out _, out int written) != System.Buffers.OperationStatus.Done || written != hash.Length)
                {
                    throw new FormatException($"Audit event {auditEvent.Id}'s hash is not 64 hex digits.");
                }

                _tree.Append(hash);
                if (EntityIdOf(auditEvent.Payload.Span) is { } entityId)
                {
                    _firstEventOf.TryAdd((entityId, KnownType(auditEvent.EventType)), position);
                }
            }
        }
    }

    /// <summary>The library's own string for a known event type (one string per type held by the index, not one per event).</summary>
    private static string KnownType(string eventType)
    {
        foreach (string known in AuditEventTypes.All)
        {
            if (known == eventType)
            {
                return known;
            }
        }

        return eventType;
    }

    /// <summary>The payload's top-level <c>entityId</c>; null when it has none (the verifier, not this index, judges payloads).</summary>
    private static Guid? EntityIdOf(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isEntityId = reader.ValueTextEquals(EntityIdName.EncodedUtf8Bytes);
            reader.Read();
            if (isEntityId)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                // Parsed from the UTF-8 bytes: no string per event (a canonical payload's id is never escaped).
                if (!reader.ValueIsEscaped)
                {
                    return Utf8Parser.TryParse(reader.ValueSpan, out Guid id, out int consumed) && consumed == reader.ValueSpan.Length ? id : null;
                }

                return Guid.TryParse(reader.GetString(), out var unescaped) ? unescaped : null;
            }

            reader.Skip();
        }

        return null;
    }
}
