using ReasoningGraph.Model;

namespace ReasoningGraph.Traversal.Internal;

/// <summary>A walk's items in discovery order (see <see cref="IWalk.CollectAsync"/>), and whether the size limit cut it.</summary>
internal sealed record CollectedWalk(List<GraphItem> Items, bool Truncated);
