using ReasoningGraph.Model;
using ReasoningGraph.Querying;
using ReasoningGraph.Redaction;
using ReasoningGraph.Tracing;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// What a reader may see. Every read endpoint passes its result through here before answering. Callers without
/// <c>read:pii</c> get node payloads and metadata, edge metadata and annotation payloads through the PII redactor
/// (DESIGN.md, "Redaction"; configured by <c>PII_CATALOG_FILE</c>); callers with it, or a service without a catalog,
/// get the stored content. Explanations are built from the redacted trace, so they inherit it.
/// </summary>
internal sealed class ReadView(bool mayReadPii, IPiiRedactor? redactor)
{
    /// <summary>True when the caller holds <c>read:pii</c>.</summary>
    public bool MayReadPii => mayReadPii;

    /// <summary>True when this caller's reads go through the redactor (no <c>read:pii</c> and a catalog is configured).</summary>
    public bool RedactsPii => Redactor is not null;

    /// <summary>The redactor applied to this caller's reads, or null when they are shown as stored.</summary>
    private IPiiRedactor? Redactor => mayReadPii ? null : redactor;

    /// <summary>Bound by minimal APIs from the request's caller.</summary>
    public static ValueTask<ReadView?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<ReadView?>(new ReadView(
            CallerFeature.Of(context)?.Can(Capabilities.ReadPii) ?? false,
            context.RequestServices.GetService<IPiiRedactor>()));

    public NodeNeighborhood Redact(NodeNeighborhood value) => Redactor is not { } r ? value : value with
    {
        Node = r.Redact(value.Node),
        Incoming = [.. value.Incoming.Select(r.Redact)],
        Outgoing = [.. value.Outgoing.Select(r.Redact)],
    };

    public TraversalPage Redact(TraversalPage value) => Redactor is not { } r ? value : value with
    {
        Steps = [.. value.Steps.Select(s => s with { Node = r.Redact(s.Node) })],
        Edges = [.. value.Edges.Select(e => e with { Edge = r.Redact(e.Edge) })],
    };

    public CausalTrace Redact(CausalTrace value) => Redactor is not { } r ? value : value with
    {
        OrderedPath = [.. value.OrderedPath.Select(e => Redact(r, e))],
    };

    public NodeQueryPage Redact(NodeQueryPage value) => Redactor is not { } r ? value : value with
    {
        Items = [.. value.Items.Select(r.Redact)],
    };

    // The entry's payload is its item's, so redacting the item redacts what the entry shows.
    private static CausalTraceEntry Redact(IPiiRedactor redactor, CausalTraceEntry entry) => entry with
    {
        Annotations = [.. entry.Annotations.Select(redactor.Redact)],
        Item = redactor.Redact(entry.Item),
    };
}
