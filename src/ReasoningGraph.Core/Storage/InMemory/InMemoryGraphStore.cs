using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.Indexed;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// The embedded store: the whole graph in memory, optionally made durable by an append-only journal in the
/// interchange format. Thread-safe: one writer at a time, readers never lock and always see a consistent
/// snapshot (everything with <c>seq</c> ≤ their <c>asOf</c>).
/// </summary>
/// <remarks>
/// Per edge the store keeps a 56-byte record (endpoints as node indices, the type interned), one id-index
/// slot and one entry in each endpoint's adjacency array; edge objects are made on read.
/// </remarks>
public sealed partial class InMemoryGraphStore : IReasoningGraphStore, IIndexedGraphStore, IDisposable
{
    private const string SystemActor = "reasoning-graph";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly GraphJournal? _journal;
    private readonly IDigestSigner? _auditSigner;
    private readonly string? _journalPath;
    private readonly bool _readOnly;
    private long _readOnlyLength;
    private readonly Dictionary<string, int> _edgeTypeIds = new(StringComparer.Ordinal);
    private StoreState _state = StoreState.CreateEmpty();
    private AnnotationSlot[] _annotationsCurrent = [];
    private int[] _outCount = [];
    private int[] _inCount = [];

    /// <summary>Creates an empty store, or one replayed from <see cref="InMemoryStoreOptions.JournalPath"/>.</summary>
    /// <param name="options">Journal settings; null for a purely in-memory store.</param>
    /// <param name="timeProvider">The clock for <c>createdAt</c>; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives journal warnings; none when null.</param>
    /// <param name="auditSigner">
    /// Signs the audit event of every write (INTEROP §4, as the PostgreSQL store does), kept in the journal with the
    /// items; without one no events are written.
    /// </param>
    /// <exception cref="ReasoningGraphException">
    /// <c>INVALID_PAYLOAD</c>: the journal is corrupt, its audit chain is broken (reason <c>audit-chain-broken</c>), or
    /// it ends in a torn line or batch (and truncation was not allowed); details carry <c>line</c> and <c>reason</c>.
    /// </exception>
    public InMemoryGraphStore(InMemoryStoreOptions? options = null, TimeProvider? timeProvider = null, ILogger<InMemoryGraphStore>? logger = null, IDigestSigner? auditSigner = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _auditSigner = auditSigner;
        Snapshots = new InMemorySnapshotStore(this, _timeProvider);
        if (options?.JournalPath is { Length: > 0 } path)
        {
            _journalPath = path;
            _journal = GraphJournal.Open(path, options, _logger, ReplayBatch);
        }
    }

    private InMemoryGraphStore(string journalPath, TimeProvider? timeProvider)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = NullLogger.Instance;
        _journalPath = journalPath;
        _readOnly = true;
        Snapshots = new InMemorySnapshotStore(this, _timeProvider);
    }

    /// <summary>
    /// This store's snapshots: durable in its journal and recorded on its audit chain (each signing a
    /// <c>reason.snapshot.created</c> event), so they survive restarts like the graph. Signing one needs the audit signer.
    /// </summary>
    public InMemorySnapshotStore Snapshots { get; }

    /// <summary>Whether the store writes audit events (it was given an audit signer).</summary>
    internal bool KeepsAuditChain => _auditSigner is not null;

    /// <summary>
    /// A read-only store of a journal's complete batches, without holding the file: for verifying or reading a data
    /// directory while the service that owns it may still be writing (a batch being written is not read).
    /// </summary>
    /// <param name="journalPath">The journal file.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The store; appends fail with <c>STORE_UNAVAILABLE</c>.</returns>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c>: the journal is damaged or its audit chain broken.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static InMemoryGraphStore OpenReadOnly(string journalPath, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        var store = new InMemoryGraphStore(journalPath, timeProvider);
        store._readOnlyLength = GraphJournal.Check(journalPath, store.ReplayBatch).CommittedLength;
        return store;
    }

    /// <inheritdoc/>
    public ValueTask<long> GetMaxSeqAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult((long)Volatile.Read(ref _state).MaxSeq);

    /// <summary>
    /// Reads a journal without changing it, replaying every batch as a start-up would: what it holds and whether it
    /// ends in a torn line or batch (an interrupted write, which <see cref="RepairJournal"/> cuts off).
    /// </summary>
    /// <param name="journalPath">The journal file.</param>
    /// <returns>The counts and, when present, where the torn tail starts.</returns>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c> naming the line: damage inside the journal, which no repair undoes.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static JournalCheckResult CheckJournal(string journalPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalPath);
        using var scratch = new InMemoryGraphStore();
        return GraphJournal.Check(journalPath, scratch.ReplayBatch);
    }

    /// <summary>
    /// Cuts a torn tail (an interrupted write) off a journal, back to its last complete batch, after keeping the whole
    /// damaged file beside it as <c>&lt;journal&gt;.torn-&lt;UTC time&gt;</c>. An intact journal is left untouched.
    /// Run it while no store has the journal open.
    /// </summary>
    /// <param name="journalPath">The journal file.</param>
    /// <param name="timeProvider">Names the backup; the system clock when null.</param>
    /// <returns>What the check found, with <see cref="JournalCheckResult.BackupPath"/> set when something was cut.</returns>
    /// <exception cref="ReasoningGraphException"><c>INVALID_PAYLOAD</c>: damage inside the journal, which cutting the tail cannot repair.</exception>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    public static JournalCheckResult RepairJournal(string journalPath, TimeProvider? timeProvider = null)
    {
        var result = CheckJournal(journalPath);
        if (result.IsIntact)
        {
            return result;
        }

        string backup = journalPath + ".torn-" + (timeProvider ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        GraphJournal.Truncate(journalPath, result.CommittedLength, backup);
        return result with { BackupPath = backup };
    }

    /// <summary>Closes the journal. Reads keep working; appends fail afterwards.</summary>
    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            _journal?.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private StoreState State => Volatile.Read(ref _state);

    /// <summary>The latest annotation array: it holds every slot any published head points to.</summary>
    private AnnotationSlot[] LatestAnnotations => Volatile.Read(ref _annotationsCurrent);

    internal AnnotationSlot LatestAnnotationSlot(int index) => LatestAnnotations[index];

    private static GraphItem Materialize(StoreState state, int seq)
    {
        int entry = state.Log[seq - 1];
        int index = entry >> 2;
        return (GraphItemKind)(entry & 3) switch
        {
            GraphItemKind.Node => state.Nodes[index].Node,
            GraphItemKind.Edge => ToEdge(state, in state.Edges[index]),
            _ => state.Annotations[index].Annotation,
        };
    }

    internal static ReasoningEdge ToEdge(StoreState state, in EdgeRecord record) =>
        ToEdge(state, in record, state.Nodes[record.From].Id, state.Nodes[record.To].Id);

    /// <summary>An edge object from its record and the ids of its endpoints (<paramref name="from"/>, <paramref name="to"/>).</summary>
    internal static ReasoningEdge ToEdge(StoreState state, in EdgeRecord record, Guid from, Guid to) => new()
    {
        Id = record.Id,
        From = from,
        To = to,
        Type = state.EdgeTypes[record.TypeId],
        Weight = double.IsNaN(record.Weight) ? null : record.Weight,
        Metadata = record.Extra?.Metadata ?? JsonValues.EmptyObject,
        AuditEventId = record.Extra?.AuditEventId,
        CreatedAt = new DateTimeOffset(record.CreatedTicks, TimeSpan.Zero),
        Seq = record.Seq,
    };

    /// <summary>The node index of a visible node, or -1.</summary>
    internal static int NodeIndex(StoreState state, Guid id, int asOf)
    {
        int seq = state.Ids.Get(id, asOf, new ItemIdResolver(state));
        if (seq == 0)
        {
            return -1;
        }

        int entry = state.Log[seq - 1];
        return (entry & 3) == (int)GraphItemKind.Node ? entry >> 2 : -1;
    }
}
