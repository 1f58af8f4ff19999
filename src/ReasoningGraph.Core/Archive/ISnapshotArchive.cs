using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive;

/// <summary>
/// Write-once storage for signed snapshot documents: the auditors' copy that nobody (including the service)
/// can alter or delete. Each document is stored once under its snapshot id and hash, byte for byte, with
/// <see cref="ArchiveMetadata"/> beside it. A second write of the same id and hash is refused
/// (<see cref="ArchiveException"/> with <see cref="ErrorCodes.Conflict"/>), never an overwrite.
/// </summary>
public interface ISnapshotArchive
{
    /// <summary>A short name of the implementation for logs and health output (for example <c>filesystem</c>, <c>s3</c>).</summary>
    string Kind { get; }

    /// <summary>Stores a document once.</summary>
    /// <param name="document">The exact document bytes and their metadata (see <see cref="ArchiveDocument.FromDocument"/>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Where it was stored and the retention in force.</returns>
    /// <exception cref="ArchiveException">
    /// Already archived (<see cref="ErrorCodes.Conflict"/>, reason <see cref="ArchiveFailureReasons.AlreadyArchived"/>);
    /// the write is not protected (<see cref="ArchiveFailureReasons.RetentionNotInForce"/>); the archive cannot be
    /// reached (<see cref="ErrorCodes.StoreUnavailable"/>, transient).
    /// </exception>
    Task<ArchiveReceipt> PutAsync(ArchiveDocument document, CancellationToken cancellationToken = default);

    /// <summary>Reads the document archived under a snapshot id and hash, as it was first written.</summary>
    /// <param name="snapshotId">The snapshot id.</param>
    /// <param name="hash">The lowercase hex hash of the document.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored bytes and metadata, or null when nothing is archived under that name.</returns>
    Task<ArchiveDocument?> GetAsync(string snapshotId, string hash, CancellationToken cancellationToken = default);

    /// <summary>Lists what is archived, in ordinal order of <see cref="ArchiveEntry.Name"/>.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>One entry per archived document.</returns>
    IAsyncEnumerable<ArchiveEntry> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks that the archive can take writes with its guarantees (for readiness checks). Never throws for an unavailable archive.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The verdict and a human-readable reason.</returns>
    Task<ArchiveProbeResult> ProbeAsync(CancellationToken cancellationToken = default);
}
