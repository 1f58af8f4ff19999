using ReasoningGraph.Querying;
using ReasoningGraph.Tracing;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// What a reader may see. Every read endpoint passes its result through here before answering.
/// Seam for PII redaction (DESIGN.md, "Redaction"): callers without <c>read:pii</c> must get redacted payloads,
/// metadata and annotations. The redactor (Core/Redaction) is not in this branch yet; until it is wired here these
/// methods return their input, and <see cref="RedactionApplied"/> says so.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "The redaction seam: these will use the caller's rights once the redactor is wired.")]
internal sealed class ReadView(bool mayReadPii)
{
    /// <summary>True when the caller holds <c>read:pii</c>.</summary>
    public bool MayReadPii => mayReadPii;

    /// <summary>False until a redactor is wired: the health report shows it.</summary>
    public static bool RedactionApplied => false;

    /// <summary>Bound by minimal APIs from the request's caller.</summary>
    public static ValueTask<ReadView?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<ReadView?>(new ReadView(CallerFeature.Of(context)?.Can(Capabilities.ReadPii) ?? false));

    public NodeNeighborhood Redact(NodeNeighborhood value) => value;

    public TraversalPage Redact(TraversalPage value) => value;

    public CausalTrace Redact(CausalTrace value) => value;

    public NodeQueryPage Redact(NodeQueryPage value) => value;
}
