using System.Collections.Concurrent;
using ReasoningGraph.Audit;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// Snapshots held in memory, with their own audit chain (the in-memory graph store keeps none): each snapshot
/// becomes signed together with its <c>reason.snapshot.created</c> event. Writers take turns; readers never wait.
/// </summary>
public sealed partial class InMemorySnapshotStore : ISnapshotStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, StoredSnapshot> _byId = new();
    private readonly ConcurrentDictionary<string, Guid> _byRequest = new(StringComparer.Ordinal);
    private readonly List<AuditEvent> _events = [];
    private readonly IDigestSigner _auditSigner;
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
            if (!_byId.TryAdd(snapshot.Id, stored))
            {
                throw GraphErrors.Conflict(snapshot.Id, null, $"Snapshot {snapshot.Id} exists already.");
            }

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

            var auditEvent = await AuditChain.CreateEventAsync(
                AuditEventTypes.SnapshotCreated, id, document.Hash, current.Actor, _head, _timeProvider.GetUtcNow(), _auditSigner, cancellationToken).ConfigureAwait(false);
            var result = current.ToSigned(document, auditEvent.Id);
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
}
