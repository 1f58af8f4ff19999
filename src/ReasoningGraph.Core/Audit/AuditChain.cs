using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Audit;

/// <summary>
/// The audit chain rules of INTEROP §4, shared by every store and by <see cref="AuditChainVerifier"/>: the event
/// payload, the chained hash, the signature and the strictly increasing time.
/// </summary>
[Experimental("RG0001")]
public static class AuditChain
{
    private static readonly TimeSpan OneMicrosecond = TimeSpan.FromTicks(10);

    /// <summary>At most this many signatures of one batch are requested at once.</summary>
    private const int SigningConcurrency = 16;

    /// <summary>
    /// The canonical payload <c>{actor, entityHash, entityId, eventType, ts}</c>. Every value is a string, so the
    /// payload reads back identically through any JSON column type or canonicalizer.
    /// </summary>
    /// <param name="eventType">One of <see cref="AuditEventTypes"/>.</param>
    /// <param name="entityId">The written item's id.</param>
    /// <param name="entityHash">Lowercase hex SHA-256 of the item's canonical bytes.</param>
    /// <param name="actor">Who caused the write.</param>
    /// <param name="timestamp">The event time, written in RFC3339Nano form.</param>
    /// <returns>The kernel-profile canonical bytes.</returns>
    public static byte[] CreatePayload(string eventType, Guid entityId, string entityHash, string actor, DateTimeOffset timestamp) =>
        CreatePayload(eventType, entityId, entityHash, actor, timestamp, traceId: null);

    /// <summary>
    /// The W3C trace id of the current activity (32 lowercase hex), or null outside one. ASP.NET Core continues the
    /// caller's <c>traceparent</c>, so in a service this is the Kernel's trace id: written into the audit payload
    /// (<c>traceId</c>), it links each audit event to the distributed trace of the request that caused the write.
    /// Captured where the event is linked, which runs in the writing request's execution context; a store that
    /// commits several requests' writes together captures it when each request arrives instead.
    /// </summary>
    public static string? CurrentTraceId() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : null;

    private static byte[] CreatePayload(string eventType, Guid entityId, string entityHash, string actor, DateTimeOffset timestamp, string? traceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentException.ThrowIfNullOrEmpty(entityHash);
        ArgumentNullException.ThrowIfNull(actor);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("actor", actor);
            writer.WriteString("entityHash", entityHash);
            writer.WriteString("entityId", entityId.ToString());
            writer.WriteString("eventType", eventType);
            if (traceId is not null)
            {
                writer.WriteString("traceId", traceId);
            }

            writer.WriteString("ts", Rfc3339Nano.Format(timestamp));
            writer.WriteEndObject();
        }

        return CanonicalJson.Canonicalize(buffer.WrittenSpan);
    }

    /// <summary><c>SHA-256(canonicalPayload ‖ hex-decode(prevHash))</c>.</summary>
    /// <param name="canonicalPayload">The payload's canonical bytes.</param>
    /// <param name="prevHash">The previous event's hex hash; null or empty for the first event.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="FormatException"><paramref name="prevHash"/> is not hex.</exception>
    public static byte[] ComputeHash(ReadOnlySpan<byte> canonicalPayload, string? prevHash)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(canonicalPayload);
        if (!string.IsNullOrEmpty(prevHash))
        {
            sha.AppendData(Convert.FromHexString(prevHash));
        }

        return sha.GetHashAndReset();
    }

    /// <summary>The time of the next event: <c>max(now, previous + 1 µs)</c> at microsecond precision.</summary>
    /// <param name="now">The clock's time.</param>
    /// <param name="previous">The last event's time; null for the first event.</param>
    /// <returns>A time strictly after <paramref name="previous"/>.</returns>
    public static DateTimeOffset NextTimestamp(DateTimeOffset now, DateTimeOffset? previous)
    {
        var time = Rfc3339Nano.ToStoredPrecision(now);
        return previous is { } last && time <= last ? Rfc3339Nano.ToStoredPrecision(last) + OneMicrosecond : time;
    }

    /// <summary>The event type recording a write of an item of <paramref name="kind"/>.</summary>
    /// <param name="kind">The item kind.</param>
    /// <returns>One of <see cref="AuditEventTypes"/>.</returns>
    public static string EventTypeFor(GraphItemKind kind) => kind switch
    {
        GraphItemKind.Node => AuditEventTypes.NodeCreated,
        GraphItemKind.Edge => AuditEventTypes.EdgeCreated,
        GraphItemKind.Annotation => AuditEventTypes.AnnotationCreated,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Lowercase hex SHA-256 of the item's canonical bytes (<see cref="GraphJson.ToCanonicalBytes"/>).</summary>
    /// <param name="item">The stored item.</param>
    /// <returns>64 hex characters.</returns>
    public static string EntityHash(GraphItem item) => Model.EntityHash.Of(item);

    /// <summary>Builds and signs the event that records the write of <paramref name="item"/>, linked to <paramref name="head"/>.</summary>
    /// <param name="item">The written item.</param>
    /// <param name="actor">Who caused the write.</param>
    /// <param name="head">The chain's current end; the caller advances it with <see cref="AuditChainHead.After"/>.</param>
    /// <param name="now">The clock's time.</param>
    /// <param name="signer">Signs the hash.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The signed event.</returns>
    public static ValueTask<AuditEvent> CreateItemEventAsync(
        GraphItem item, string actor, AuditChainHead head, DateTimeOffset now, IDigestSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return CreateEventAsync(EventTypeFor(item.Kind), item.Id, EntityHash(item), actor, head, now, signer, cancellationToken);
    }

    /// <summary>Builds and signs an event linked to <paramref name="head"/>.</summary>
    /// <param name="eventType">One of <see cref="AuditEventTypes"/>.</param>
    /// <param name="entityId">The written entity's id.</param>
    /// <param name="entityHash">Lowercase hex SHA-256 of the entity's canonical bytes.</param>
    /// <param name="actor">Who caused the write.</param>
    /// <param name="head">The chain's current end.</param>
    /// <param name="now">The clock's time.</param>
    /// <param name="signer">Signs the hash.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The signed event.</returns>
    public static async ValueTask<AuditEvent> CreateEventAsync(
        string eventType, Guid entityId, string entityHash, string actor, AuditChainHead head, DateTimeOffset now, IDigestSigner signer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var link = Link(eventType, entityId, entityHash, actor, CurrentTraceId(), head, now);
        var signature = await SignAsync(signer, link.Hash, cancellationToken).ConfigureAwait(false);
        return link.ToEvent(signature, signer.SignerId);
    }

    /// <summary>
    /// Builds the events recording the writes of <paramref name="items"/>, in order, as one run of the chain from
    /// <paramref name="head"/>, and signs them. Linking is sequential (each hash covers the previous one) and cheap;
    /// the signatures are independent of each other, so they are made concurrently (the signer is thread-safe), which
    /// is what makes large batches fast.
    /// </summary>
    /// <param name="items">The written items, in chain order.</param>
    /// <param name="entityHashes">The <see cref="EntityHash"/> of each item.</param>
    /// <param name="actorOf">Who caused the write of an item.</param>
    /// <param name="head">The chain's current end.</param>
    /// <param name="now">The clock's time.</param>
    /// <param name="signer">Signs the hashes.</param>
    /// <param name="traceIdOf">
    /// The W3C trace id of the request that wrote an item, for writers that commit several requests' items together;
    /// null records the current activity's trace id for every item.
    /// </param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>The signed events, one per item; advance the head with <see cref="AuditChainHead.After"/> of the last.</returns>
    /// <exception cref="ReasoningGraphException"><c>SIGNING_FAILURE</c> when any signature fails (fail closed).</exception>
    public static async Task<AuditEvent[]> CreateItemEventsAsync(
        IReadOnlyList<GraphItem> items, IReadOnlyList<string> entityHashes, Func<GraphItem, string> actorOf, AuditChainHead head, DateTimeOffset now,
        IDigestSigner signer, Func<GraphItem, string?>? traceIdOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return await SignEventsAsync(LinkItemEvents(items, entityHashes, actorOf, head, now, traceIdOf), signer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds the events recording the writes of <paramref name="items"/>, in order, as one run of the chain from
    /// <paramref name="head"/>, without signing them: every field but the signature, which the chain's hashes do not
    /// cover. A store that defers signing writes these and signs them later (<see cref="SignEventsAsync"/>).
    /// </summary>
    /// <param name="items">The written items, in chain order.</param>
    /// <param name="entityHashes">The <see cref="EntityHash"/> of each item.</param>
    /// <param name="actorOf">Who caused the write of an item.</param>
    /// <param name="head">The chain's current end.</param>
    /// <param name="now">The clock's time.</param>
    /// <param name="traceIdOf">The trace id of the request that wrote an item; null: the current activity's.</param>
    /// <returns>The events, one per item, each with <see cref="AuditEvent.IsSignaturePending"/> true.</returns>
    public static AuditEvent[] LinkItemEvents(
        IReadOnlyList<GraphItem> items, IReadOnlyList<string> entityHashes, Func<GraphItem, string> actorOf, AuditChainHead head, DateTimeOffset now,
        Func<GraphItem, string?>? traceIdOf = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(entityHashes);
        ArgumentNullException.ThrowIfNull(actorOf);
        if (entityHashes.Count != items.Count)
        {
            throw new ArgumentException("One entity hash per item is required.", nameof(entityHashes));
        }

        var events = new AuditEvent[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var link = Link(EventTypeFor(item.Kind), item.Id, entityHashes[i], actorOf(item), traceIdOf is null ? CurrentTraceId() : traceIdOf(item), head, now);
            events[i] = link.ToEvent();
            head = new AuditChainHead(link.HexHash, link.CreatedAt);
        }

        return events;
    }

    /// <summary>Builds an event linked to <paramref name="head"/> without signing it (see <see cref="LinkItemEvents"/>).</summary>
    /// <param name="eventType">One of <see cref="AuditEventTypes"/>.</param>
    /// <param name="entityId">The recorded entity's id.</param>
    /// <param name="entityHash">Lowercase hex SHA-256 of the entity's canonical bytes.</param>
    /// <param name="actor">Who caused it.</param>
    /// <param name="head">The chain's current end.</param>
    /// <param name="now">The clock's time.</param>
    /// <returns>The event, its signature pending.</returns>
    public static AuditEvent LinkEvent(string eventType, Guid entityId, string entityHash, string actor, AuditChainHead head, DateTimeOffset now) =>
        Link(eventType, entityId, entityHash, actor, CurrentTraceId(), head, now).ToEvent();

    /// <summary>
    /// Signs events (typically pending ones): each copy carries the signature over its hash and the signer's id. The
    /// signatures are independent of each other, so they are made concurrently (the signer is thread-safe).
    /// </summary>
    /// <param name="events">The events to sign; their existing signatures, if any, are replaced.</param>
    /// <param name="signer">Signs the hashes.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <returns>Signed copies, in the same order.</returns>
    /// <exception cref="ReasoningGraphException"><c>SIGNING_FAILURE</c> when any signature fails (fail closed).</exception>
    public static async Task<AuditEvent[]> SignEventsAsync(IReadOnlyList<AuditEvent> events, IDigestSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(signer);
        var signed = new AuditEvent[events.Count];

        // A remote signer is I/O: one request per signature (INTEROP §5), so a batch's wait is its round trips
        // divided by the concurrency; a local key is CPU, where more workers than cores only queue.
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(Environment.ProcessorCount, SigningConcurrency) };
        await Parallel.ForAsync(0, events.Count, parallel, async (i, token) =>
        {
            var e = events[i];
            var signature = await SignAsync(signer, Convert.FromHexString(e.Hash), token).ConfigureAwait(false);
            signed[i] = new AuditEvent
            {
                Id = e.Id, EventType = e.EventType, Payload = e.Payload, Hash = e.Hash, PrevHash = e.PrevHash, CreatedAt = e.CreatedAt,
                Signature = Convert.ToBase64String(signature), SignerId = signer.SignerId,
            };
        }).ConfigureAwait(false);
        return signed;
    }

    /// <summary>The unsigned part of an event: its time, payload and hash, linked to <paramref name="head"/>.</summary>
    private static Linked Link(string eventType, Guid entityId, string entityHash, string actor, string? traceId, AuditChainHead head, DateTimeOffset now)
    {
        var createdAt = NextTimestamp(now, head.CreatedAt);
        var payload = CreatePayload(eventType, entityId, entityHash, actor, createdAt, traceId);
        var hash = ComputeHash(payload, head.Hash);
        return new Linked(eventType, payload, hash, Convert.ToHexStringLower(hash), head.Hash, createdAt);
    }

    /// <summary>Signs, turning any signer failure into <c>SIGNING_FAILURE</c> (fail closed: nothing is written).</summary>
    private static async ValueTask<byte[]> SignAsync(IDigestSigner signer, byte[] hash, CancellationToken cancellationToken)
    {
        byte[] signature;
        try
        {
            signature = await SigningMetrics.SignAsync("audit_event", () => signer.SignAsync(hash, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ReasoningGraphException)
        {
            throw new ReasoningGraphException(ErrorCodes.SigningFailure, $"Signer '{signer.SignerId}' failed: {e.Message}", e);
        }

        return signature is { Length: > 0 }
            ? signature
            : throw new ReasoningGraphException(ErrorCodes.SigningFailure, $"Signer '{signer.SignerId}' returned no signature.");
    }

    private readonly record struct Linked(string EventType, byte[] Payload, byte[] Hash, string HexHash, string? PrevHash, DateTimeOffset CreatedAt)
    {
        public AuditEvent ToEvent(byte[]? signature = null, string? signerId = null) => new()
        {
            Id = Guid.CreateVersion7(CreatedAt),
            EventType = EventType,
            Payload = Payload,
            Hash = HexHash,
            PrevHash = PrevHash,
            Signature = signature is null ? null : Convert.ToBase64String(signature),
            SignerId = signerId,
            CreatedAt = CreatedAt,
        };
    }
}
