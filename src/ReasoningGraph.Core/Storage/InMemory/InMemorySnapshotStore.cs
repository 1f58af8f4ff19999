using System.Collections.Concurrent;
using ReasoningGraph.Audit;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// Snapshots held in memory: each becomes signed together with its <c>reason.snapshot.created</c> event. Standalone
/// (this constructor) they keep their own audit chain in memory; an embedded graph store's own snapshot store
/// (<see cref="InMemoryGraphStore.Snapshots"/>) journals them and records their events on the graph's chain. Writers
/// take turns; readers never wait.
/// </summary>
public sealed partial class InMemorySnapshotStore : ISnapshotStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, StoredSnapshot> _byId = new();
    private readonly ConcurrentDictionary<string, Guid> _byRequest = new(StringComparer.Ordinal);
    private readonly List<AuditEvent> _events = [];
    private readonly IDigestSigner? _auditSigner;
    private readonly InMemoryGraphStore? _graph;
    private readonly TimeProvider _timeProvider;
    private AuditChainHead _head = AuditChainHead.Empty;

    /// <summary>Creates an empty store.</summary>
    /// <param name="auditSigner">Signs the audit events.</param>
    /// <param name="timeProvider">The clock of the audit events; <see cref="TimeProvider.System"/> when null.</param>
    public InMemorySnapshotStore(IDigestSigner auditSigner, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(auditSigner);
        _auditSigner = auditSigner;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The snapshot store of an embedded graph store: durable in its journal, chained on its audit chain.</summary>
    internal InMemorySnapshotStore(InMemoryGraphStore graph, TimeProvider timeProvider)
    {
        _graph = graph;
        _timeProvider = timeProvider;
    }

    /// <summary>The audit chain of the snapshots signed so far, in order.</summary>
    public IReadOnlyList<AuditEvent> AuditEvents
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <inheritdoc/>
    public async Task<StoredSnapshot> PutPendingAsync(PendingSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (snapshot.RequestId is { } requestId && _byRequest.TryGetValue(requestId, out var earlier))
            {
                return _byId[earlier];
            }

            var stored = StoredSnapshot.FromPending(snapshot);
            if (_byId.ContainsKey(snapshot.Id))
            {
                throw GraphErrors.Conflict(snapshot.Id, null, $"Snapshot {snapshot.Id} exists already.");
            }

            if (_graph is not null)
            {
                await _graph.JournalPendingSnapshotAsync(stored, cancellationToken).ConfigureAwait(false);
            }

            _byId[snapshot.Id] = stored;

            if (snapshot.RequestId is { } newRequestId)
            {
                _byRequest[newRequestId] = snapshot.Id;
            }

            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<StoredSnapshot> MarkSignedAsync(Guid id, SignedSnapshot document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _byId.TryGetValue(id, out var found) ? found : throw GraphErrors.NotFound("id", id, null, $"There is no snapshot {id}.");
            if (current.Status == SnapshotStatus.Signed)
            {
                return current;
            }

            var result = current.ToSigned(document, Guid.Empty); // checks the document before anything is recorded
            var auditEvent = _graph is not null
                ? await _graph.RecordSignedSnapshotAsync(id, document, current.Actor, cancellationToken).ConfigureAwait(false)
                : await AuditChain.CreateEventAsync(
                    AuditEventTypes.SnapshotCreated, id, document.Hash, current.Actor, _head, _timeProvider.GetUtcNow(), _auditSigner!, cancellationToken).ConfigureAwait(false);
            result = current.ToSigned(document, auditEvent.Id);
            lock (_events)
            {
                _events.Add(auditEvent);
            }

            _head = AuditChainHead.After(auditEvent);
            _byId[id] = result;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public Task<StoredSnapshot?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byId.TryGetValue(id, out var stored) ? stored : null);

    /// <inheritdoc/>
    public Task<StoredSnapshot?> GetByRequestIdAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        return Task.FromResult(_byRequest.TryGetValue(requestId, out var id) ? _byId[id] : null);
    }

    /// <inheritdoc/>
    public Task<StoredSnapshot?> GetLatestSignedByRootAsync(Guid rootId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byId.Values.Where(s => s.Status == SnapshotStatus.Signed && s.RootIds.Contains(rootId))
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).FirstOrDefault());

    /// <inheritdoc/>
    public Task<IReadOnlyList<StoredSnapshot>> ListPendingAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IReadOnlyList<StoredSnapshot> pending = [.. _byId.Values.Where(s => s.Status == SnapshotStatus.Pending)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(limit)];
        return Task.FromResult(pending);
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    /// <summary>Replay: a snapshot stored pending.</summary>
    internal void Restore(StoredSnapshot pending)
    {
        _byId[pending.Id] = pending;
        if (pending.RequestId is { } requestId)
        {
            _byRequest[requestId] = pending.Id;
        }
    }

    /// <summary>Whether the served document's proof is the one made over the stored signed bytes (an edited journal line is caught here).</summary>
    private static bool DocumentMatches(SignedSnapshot document)
    {
        using var parsed = System.Text.Json.JsonDocument.Parse(document.Document);
        var root = parsed.RootElement;
        return root.TryGetProperty("hash", out var hash) && hash.ValueKind == System.Text.Json.JsonValueKind.String && hash.GetString() == document.Hash
            && root.TryGetProperty("signer_kid", out var kid) && kid.ValueKind == System.Text.Json.JsonValueKind.String && kid.GetString() == document.SignerId
            && root.TryGetProperty("signature", out var signature) && signature.ValueKind == System.Text.Json.JsonValueKind.String
            && signature.GetString() == Convert.ToBase64String(document.Signature.Span);
    }

    /// <summary>Replay: the lowercase hex SHA-256 of a stored snapshot's signed bytes, or null when it is unknown.</summary>
    internal string? SignedBytesHash(Guid id) =>
        _byId.TryGetValue(id, out var stored) ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored.SignedBytes.Span)) : null;

    /// <summary>Replay: the signing of a stored snapshot, with the event that recorded it (checked by the graph store).</summary>
    internal void RestoreSigned(Guid id, Interchange.SnapshotLine.SignedParts signed, IReadOnlyList<AuditEvent> batchEvents)
    {
        var pending = _byId[id];
        var auditEvent = batchEvents.FirstOrDefault(e => e.Id == signed.AuditEventId)
            ?? throw ReplayedEvents.Broken($"snapshot {id} names audit event {signed.AuditEventId}, which is not in its batch");
        var document = signed.ToSignedSnapshot(pending.SignedBytes);
        if (!DocumentMatches(document))
        {
            throw ReplayedEvents.Broken($"the document journaled for snapshot {id} does not carry the hash, signer and signature of its signed bytes");
        }

        _byId[id] = pending.ToSigned(document, auditEvent.Id);
        lock (_events)
        {
            _events.Add(auditEvent);
        }
    }
}
