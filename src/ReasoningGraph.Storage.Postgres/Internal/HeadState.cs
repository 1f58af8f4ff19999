using ReasoningGraph.Audit;

namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>A graph's row in <c>graph_heads</c>: the last seq and the end of the audit chain.</summary>
internal readonly record struct HeadState(long MaxSeq, long AuditPosition, AuditChainHead Chain);
