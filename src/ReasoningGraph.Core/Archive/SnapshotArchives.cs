using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Archive;

/// <summary>
/// The archive of each snapshot audience (<see cref="SnapshotFinisher"/> puts every signed document into the one of its
/// audience): auditor snapshots may hold PII, so they get an archive of their own, with its own access controls and
/// retention, and never reach the operator archive.
/// </summary>
public sealed class SnapshotArchives
{
    /// <summary>Routes each audience to its archive.</summary>
    /// <param name="operatorArchive">Where operator (redacted) snapshots go.</param>
    /// <param name="auditorArchive">
    /// Where auditor snapshots go; pass the operator archive here only when its access controls and retention suit PII.
    /// </param>
    public SnapshotArchives(ISnapshotArchive operatorArchive, ISnapshotArchive auditorArchive)
    {
        ArgumentNullException.ThrowIfNull(operatorArchive);
        ArgumentNullException.ThrowIfNull(auditorArchive);
        Operator = operatorArchive;
        Auditor = auditorArchive;
    }

    /// <summary>The archive of operator snapshots.</summary>
    public ISnapshotArchive Operator { get; }

    /// <summary>The archive of auditor snapshots.</summary>
    public ISnapshotArchive Auditor { get; }

    /// <summary>The archive of an audience.</summary>
    /// <param name="audience">The snapshot's audience.</param>
    /// <returns>Its archive.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An audience this version does not know.</exception>
    public ISnapshotArchive For(SnapshotAudience audience) => audience switch
    {
        SnapshotAudience.Operator => Operator,
        SnapshotAudience.Auditor => Auditor,
        _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, "Unknown snapshot audience."),
    };
}
