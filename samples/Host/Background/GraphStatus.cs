using ReasoningGraph.Audit;
using ReasoningGraph.Controls;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// The graph's operational state as the <see cref="GraphStatusPoller"/> last read it (at most about a second old):
/// the operator switches, the audit chain's head and pending signatures, and the snapshot backlog. <c>/health</c>,
/// the write guard and the gauges read it here, so none of them queries the database per request or per scrape.
/// A host whose own request changed a switch records the result at once (<see cref="SetControls"/>).
/// </summary>
internal sealed class GraphStatus
{
    private volatile GraphControlState _controls = GraphControlState.None;
    private volatile AuditLogStatus? _audit;
    private volatile SnapshotBacklog? _snapshots;
    private long _signaturesFilled;

    public GraphControlState Controls => _controls;

    /// <summary>Null until first read, and for a store without a shared audit status (the embedded store).</summary>
    public AuditLogStatus? Audit => _audit;

    /// <summary>Null until first read.</summary>
    public SnapshotBacklog? Snapshots => _snapshots;

    /// <summary>Pending audit signatures this host's worker filled in since it started.</summary>
    public long SignaturesFilled => Interlocked.Read(ref _signaturesFilled);

    public void SetControls(GraphControlState controls) => _controls = controls;

    public void SetAudit(AuditLogStatus audit) => _audit = audit;

    public void SetSnapshots(SnapshotBacklog snapshots) => _snapshots = snapshots;

    public void SignaturesSigned(int count) => Interlocked.Add(ref _signaturesFilled, count);
}
