using ReasoningGraph.Model;
using ReasoningGraph.Redaction;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Security;

/// <summary>The PII redactor as the snapshot service's redaction seam: operator snapshots hide what readers without <c>read:pii</c> cannot see.</summary>
internal sealed class PiiSnapshotRedactor(IPiiRedactor redactor) : ISnapshotRedactor
{
    public string PolicyVersion => redactor.PolicyVersion;

    public GraphItem Redact(GraphItem item) => redactor.Redact(item);
}
