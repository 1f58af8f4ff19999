using ReasoningGraph.Audit;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>
/// A graph's audit log at one size (INTEROP §8): its checkpoint, the inclusion proof of one event and the consistency
/// proof between two sizes — what <c>reasoning-graph log</c> prints and the service's <c>/reason/log/*</c> endpoints
/// answer, from the same code. Every answer comes from the store's kept interior hashes (<see cref="IVerifiableLog"/>),
/// not from reading the chain. The size is the chain's when the tree was opened, so a checkpoint and the proofs asked of
/// one tree agree while writes go on.
/// </summary>
internal sealed class LogTree : IDisposable
{
    /// <summary>The graph id of the embedded store's log (PostgreSQL's default graph id too).</summary>
    public const string EmbeddedGraphId = "default";

    private readonly IVerifiableLog _log;
    private readonly IDisposable? _owned;

    private LogTree(IVerifiableLog log, long size, IDisposable? owned)
    {
        _log = log;
        Size = size;
        _owned = owned;
    }

    /// <summary>The number of events when the tree was opened: its size.</summary>
    public long Size { get; }

    /// <summary>The log as it is now; <paramref name="owned"/>, when given, is disposed with the tree.</summary>
    public static async Task<LogTree> OpenAsync(IVerifiableLog log, CancellationToken cancellationToken, IDisposable? owned = null) =>
        new(log, await log.GetTreeSizeAsync(cancellationToken), owned);

    /// <summary>The default origin of a store's log: <c>reasoning-graph/&lt;graph id&gt;</c>, the embedded store's graph being <see cref="EmbeddedGraphId"/>.</summary>
    public static string DefaultOrigin(PostgresStoreOptions? database) => LogCheckpoint.DefaultOrigin(database?.GraphId ?? EmbeddedGraphId);

    /// <summary>The checkpoint of the whole tree.</summary>
    public async Task<LogCheckpoint> CheckpointAsync(string origin, CancellationToken cancellationToken) =>
        new(origin, Size, await _log.GetRootHashAsync(Size, cancellationToken));

    /// <summary>The hash of the tree's last event (the store checks a stored checkpoint against it); the tree is not empty.</summary>
    public Task<byte[]> LastEventHashAsync(CancellationToken cancellationToken) => _log.GetEventHashAsync(Size - 1, cancellationToken);

    /// <summary>
    /// The position of the first event that records <paramref name="entityId"/> (its payload's <c>entityId</c>), of type
    /// <paramref name="eventType"/> when one is given; null when there is none in the tree.
    /// </summary>
    public async Task<long?> IndexOfAsync(Guid entityId, string? eventType, CancellationToken cancellationToken) =>
        await _log.FindEventAsync(entityId, eventType, cancellationToken) is { } index && index < Size ? index : null;

    /// <summary>Why no inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/> can be given; null when one can.</summary>
    public ProofRangeProblem? InclusionProblem(long index, long treeSize) =>
        treeSize < 1 || treeSize > Size ? new("treeSize", $"The chain holds {Size} events: a tree size is 1 to {Size}, not {treeSize}.")
        : index < 0 || index >= treeSize ? new("index", $"A leaf index in a tree of {treeSize} events is 0 to {treeSize - 1}, not {index}.")
        : null;

    /// <summary>Why no consistency proof from <paramref name="from"/> to <paramref name="to"/> can be given; null when one can.</summary>
    public ProofRangeProblem? ConsistencyProblem(long from, long to) =>
        to < 1 || to > Size ? new("to", $"The chain holds {Size} events: a tree size is 1 to {Size}, not {to}.")
        : from < 1 || from > to ? new("from", $"A consistency proof runs from a tree of 1 to {to} events (the later size), not {from}.")
        : null;

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/>; check <see cref="InclusionProblem"/> first.</summary>
    public async Task<InclusionProof> InclusionProofAsync(long index, long treeSize, CancellationToken cancellationToken) =>
        new(index, treeSize, await _log.GetEventHashAsync(index, cancellationToken), await _log.GetInclusionProofAsync(index, treeSize, cancellationToken));

    /// <summary>The consistency proof from the tree of <paramref name="from"/> to that of <paramref name="to"/>; check <see cref="ConsistencyProblem"/> first.</summary>
    public async Task<ConsistencyProof> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken) =>
        new(from, to, await _log.GetConsistencyProofAsync(from, to, cancellationToken));

    /// <inheritdoc/>
    public void Dispose() => _owned?.Dispose();
}
